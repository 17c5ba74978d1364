@testable import ArtefactCore
import Foundation
import Testing

/// `TransferEndpointParser` is the one place that tells a transfer's endpoints apart:
/// `oci://` is a registry, a store path a store, any other path a model directory (as a
/// source) or an export target (as a destination, absent or empty).
@Suite struct TransferEndpointParserTests {
    private struct OptionsAsked: Error {}

    /// Options as flags and the environment give them: here, only what is passed.
    private func options(ca: String? = nil, certificate: String? = nil) -> RegistryOptions {
        RegistryOptions(caFile: ca, certificateFile: certificate, keyFile: nil, useSystemCAs: false, requestTimeout: 300,
                        minimumRate: 1, keyPassphrase: nil, credentials: nil)
    }

    private func parse(_ source: String, _ destination: String, name: String? = nil, version: String? = nil,
                       registryOptions: () throws -> RegistryOptions = { throw OptionsAsked() }) throws -> (any ModelSource, any ModelDestination) {
        let parsed = try TransferEndpointParser.parse(source: source, destination: destination, name: name, version: version, signature: nil,
                                                      registryOptions: registryOptions)
        return (parsed.source.endpoint, parsed.destination.endpoint)
    }

    private func badInput(_ body: () throws -> Void) -> String? {
        let error = #expect(throws: ArtefactError.self) { try body() }
        #expect(error?.kind == .badInput)
        return error?.message
    }

    @Test func aModelDirectoryIntoAStore() throws {
        let scratch = try ScratchStores()
        defer { scratch.remove() }
        try scratch.write("model/weights.bin")
        let store = try scratch.makeStore("store")
        let (source, destination) = try parse(scratch.path("model"), scratch.path("store"))
        #expect((source as? DirectorySource)?.location.bundlePath == scratch.path("model/model.sig"))
        #expect(destination.store?.layout.root == store.layout.root)
        #expect(destination is StoreDestination)
    }

    @Test func aStoreSourceNeedsTheModelsName() throws {
        let scratch = try ScratchStores()
        defer { scratch.remove() }
        _ = try scratch.makeStore("store")
        let message = badInput { _ = try parse(scratch.path("store"), scratch.path("out")) }
        #expect(message == "\(scratch.path("store")) is a store: name the model with --model NAME[@VERSION]")
        let (source, destination) = try parse(scratch.path("store"), scratch.path("out"), name: "bert", version: "1.0")
        #expect((source as? StoreSource)?.description == "\(scratch.path("store")) (bert@1.0)")
        #expect((destination as? ExportDestination)?.path == scratch.path("out"))
    }

    @Test func anEmptyDirectoryIsAnExportTargetAndAnythingElseIsRefused() throws {
        let scratch = try ScratchStores()
        defer { scratch.remove() }
        _ = try scratch.makeStore("store")
        try FileManager.default.createDirectory(atPath: scratch.path("empty"), withIntermediateDirectories: true)
        try scratch.write("full/file")
        try scratch.write("file")
        #expect(try parse(scratch.path("store"), scratch.path("empty"), name: "m").1 is ExportDestination)
        #expect(badInput { _ = try parse(scratch.path("store"), scratch.path("file"), name: "m") }
                == "\(scratch.path("file")) is a file; the destination must be a store or a new or empty directory")
        #expect(badInput { _ = try parse(scratch.path("store"), scratch.path("full"), name: "m") }?
                    .hasPrefix("\(scratch.path("full")) is a non-empty directory and not a store") == true)
        #expect(badInput { _ = try parse(scratch.path("absent"), scratch.path("store")) }
                == "\(scratch.path("absent")) does not exist; name a signed model directory or a store")
    }

    @Test func registryOptionsAreAskedForOnlyWhenAnEndpointIsARegistry() throws {
        let scratch = try ScratchStores()
        defer { scratch.remove() }
        try scratch.write("model/weights.bin")
        _ = try scratch.makeStore("store")
        // The default options closure throws: a path-only transfer never calls it.
        _ = try parse(scratch.path("model"), scratch.path("store"))
        #expect(throws: OptionsAsked.self) { _ = try parse("oci://127.0.0.1:5000/models:1.0", scratch.path("store")) }
    }

    @Test func aRegistryTakesTheStoresRememberedTLSAfterFlagsAndEnvironment() throws {
        let scratch = try ScratchStores()
        defer { scratch.remove() }
        for name in ["store-ca.pem", "store-cert.pem", "flag-ca.pem"] { try scratch.write("trust/\(name)") }
        _ = try scratch.makeStore("store", tls: StoredTLSFiles(caFile: scratch.path("trust/store-ca.pem"),
                                                               certificateFile: scratch.path("trust/store-cert.pem"), keyFile: nil))
        let remembered = try parse("oci://127.0.0.1:5000/models:1.0", scratch.path("store"), registryOptions: { options() }).0
        let pull = try #require(remembered as? RegistrySource)
        #expect(pull.access.reference.description == "oci://127.0.0.1:5000/models:1.0")
        #expect(pull.access.tls.caFile?.hasSuffix("trust/store-ca.pem") == true)
        #expect(pull.access.tls.certificateFile?.hasSuffix("trust/store-cert.pem") == true)
        let given = try parse(scratch.path("store"), "oci://127.0.0.1:5000/models", name: "m",
                              registryOptions: { options(ca: scratch.path("trust/flag-ca.pem")) }).1
        let push = try #require(given as? RegistryDestination)
        #expect(push.access.tls.caFile == scratch.path("trust/flag-ca.pem"))
        #expect(push.access.tls.certificateFile?.hasSuffix("trust/store-cert.pem") == true)
    }

    @Test func aRegistryWithNoCAAnywhereIsRefused() throws {
        let scratch = try ScratchStores()
        defer { scratch.remove() }
        _ = try scratch.makeStore("store")
        #expect(badInput { _ = try parse("oci://127.0.0.1:5000/models:1.0", scratch.path("store"), registryOptions: { options() }) }
                == "reaching 127.0.0.1:5000 needs --tls-ca CA.pem (or ARTEFACT_TLS_CA), or --tls-system-ca to trust the system's CA bundle: artefact trusts only the CA it is given")
        #expect(badInput { _ = try parse("oci://nohost", scratch.path("store"), registryOptions: { options() }) } != nil)
    }
}
