@testable import ArtefactCore
import Foundation
import Testing

/// Which policy decides a crossing, settled before any work over the endpoint protocols:
/// the destination store's, else the source store's; with neither store there is no
/// policy, and a store is never both ends.
@Suite struct CrossingPolicyTests {
    private func refusal(_ request: TransferRequest) -> String? {
        let error = #expect(throws: ArtefactError.self) { _ = try ModelTransfer.run(request) }
        #expect(error?.kind == .badInput)
        return error?.message
    }

    private func access(_ text: String) throws -> RegistryAccess {
        RegistryAccess(reference: try RegistryReference(parsing: text), tls: TLSSettings(caFile: "/ca.pem", certificateFile: nil, keyFile: nil),
                       keyPassphrase: nil, credentials: nil)
    }

    @Test func anExportOrAPushWithoutASourceStoreHasNoPolicy() throws {
        let scratch = try ScratchStores()
        defer { scratch.remove() }
        try scratch.write("model/weights.bin")
        let directory = TransferSource.directory(try ModelLocation(modelPath: scratch.path("model"), signaturePath: nil))
        #expect(refusal(TransferRequest(source: directory, destination: .export(scratch.path("out"))))
                == "exporting to a plain directory needs a store as the source, whose policy applies; transfer the model into a store first")
        #expect(refusal(TransferRequest(source: directory, destination: .registry(try access("oci://127.0.0.1:1/models"))))
                == "a push to a registry starts from a store, whose policy applies; transfer the model into a store first")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("out")))
    }

    @Test func aStoreIsNeverBothEndsHoweverItIsSpelt() throws {
        let scratch = try ScratchStores()
        defer { scratch.remove() }
        let store = try scratch.makeStore("store")
        try FileManager.default.createSymbolicLink(atPath: scratch.path("alias"), withDestinationPath: scratch.path("store"))
        let request = TransferRequest(source: .store(try ModelStore.open(scratch.path("alias")), name: "m", version: nil),
                                      destination: .store(store))
        #expect(refusal(request) == "the source and destination are the same store")
        #expect(try store.auditLog(passphrase: nil).entries().count == 1)
    }
}
