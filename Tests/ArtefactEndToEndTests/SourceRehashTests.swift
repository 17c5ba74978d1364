import ArtefactCore
import Foundation
import Testing

/// A source that does not verify is rejected (exit 1, logged as rejected) even when the
/// destination already holds that exact version: every source file is read and hashed,
/// the ones whose blob is already stored without being written.
@Suite struct SourceRehashTests {
    enum Edit: String, CaseIterable, Sendable {
        case flipWeightsByte, flipConfigByte, growTokenizer, addFile, removeFile
    }

    @Test(arguments: Edit.allCases) func aTamperedDirectoryIsRejectedWhenTheVersionIsAlreadyStored(_ edit: Edit) throws {
        let world = try StoreFixture()
        let store = try world.makeStore("store")
        let model = try world.signedModel("model", name: "resnet", version: "1.0.0")
        try world.transferAccepted(model, store)
        let index = try world.indexBytes(store)
        let blobs = world.blobNames(store)

        switch edit {
        case .flipWeightsByte: try flipByte(in: "\(model)/weights/model.safetensors", at: 1000)
        case .flipConfigByte: try flipByte(in: "\(model)/config.json", at: 2)
        case .growTokenizer: try world.overwrite("tokenizer/merges.txt", in: model, with: "a b\nc d\n")
        case .addFile: try world.overwrite("extra.bin", in: model, with: "planted")
        case .removeFile: try FileManager.default.removeItem(atPath: "\(model)/empty.txt")
        }
        let result = try world.transfer(model, store)
        expectRejected(result, check: "integrity", mentioning: ["nothing was published"])
        #expect(try world.indexBytes(store) == index)
        #expect(world.blobNames(store) == blobs, "the rejected source wrote into the store")
        let entry = try #require(try world.auditEntries(store).last)
        #expect(entry["result"] as? String == "rejected")
        #expect((entry["reason"] as? String)?.hasPrefix("integrity: ") == true, "\(entry["reason"] ?? "")")
    }

    @Test func anUntouchedDirectoryIsStillAlreadyPresentAndEveryByteIsRead() throws {
        let world = try StoreFixture()
        let store = try world.makeStore("store")
        let model = try world.signedModel("model", name: "resnet", version: "1.0.0")
        try world.transferAccepted(model, store)
        let outcome = try world.transferAccepted(model, store)
        #expect(outcome["alreadyPresent"] as? Bool == true)
        #expect(integer(outcome["bytesCopied"]) == 0)
        #expect(integer(outcome["bytesReused"]) == (try world.signedBytes(of: model)))
    }

    @Test func aCorruptSourceStoreBlobIsRejectedWhenTheDestinationHoldsTheVersion() throws {
        let world = try StoreFixture()
        let source = try world.makeStore("source")
        let destination = try world.makeStore("destination")
        let model = try world.signedModel("model", name: "resnet", version: "1.0.0")
        try world.transferAccepted(model, source)
        try world.transferAccepted(source, destination, ["--model", "resnet@1.0.0"])
        let weights = try Data(contentsOf: URL(fileURLWithPath: "\(model)/weights/model.safetensors"))
        let hex = SHA256Hasher.digest(Array(weights)).hex
        try flipByte(in: "\(source)/blobs/sha256/\(hex)", at: 1000)

        let result = try world.transfer(source, destination, ["--model", "resnet@1.0.0"])
        expectRejected(result, check: "integrity", mentioning: ["weights/model.safetensors", "does not match its signed digest"])
        #expect(try world.auditEntries(destination).last?["result"] as? String == "rejected")
    }

    @Test func aCorruptRegistryBlobIsRejectedWhenTheDestinationHoldsTheVersion() throws {
        let fixture = try RegistryFixture()
        let (_, source) = try fixture.storedModel()
        try fixture.pushAccepted(source, "resnet@1.0.0")
        let destination = try fixture.world.makeStore("destination")
        try fixture.pullAccepted(into: destination)
        let weights = try #require(try fixture.registry.layerDigests("ml/resnet", tag: "1.0.0")["weights/model.safetensors"])
        try flipByte(in: fixture.registry.blobDataPath(weights), at: 1000)

        let result = try fixture.pull(into: destination)
        expectRejected(result, check: "integrity", mentioning: ["weights/model.safetensors", "does not match its signed digest"])
        #expect(try fixture.world.auditEntries(destination).last?["result"] as? String == "rejected")
    }
}
