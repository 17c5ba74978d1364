import Foundation
import Testing

/// Blobs are content-addressed: a file that two model versions share is stored once, and
/// the second transfer does not copy it again.
@Suite struct StoreDedupTests {
    /// Each model version adds five small blobs besides its files: config, bundle, model
    /// manifest and signature manifest are its own; the empty `{}` config is shared.
    static let metadataBlobsPerVersion = 4

    @Test func aSecondVersionStoresOnlyTheFilesThatChanged() throws {
        let world = try StoreFixture()
        let store = try world.makeStore("store")
        let tokenizerBytes = 1 << 20
        let addTokenizer = { (model: String) in
            try writeRandomFile("\(model)/tokenizer/tokenizer.json", count: tokenizerBytes, seed: 99)
        }
        let first = try world.signedModel("v1", name: "llama", version: "1.0.0", prepare: addTokenizer)
        // Version 1.1.0: new weights, everything else (the big tokenizer included) the same.
        let second = try world.signedModel("v2", name: "llama", version: "1.1.0") { model in
            try addTokenizer(model)
            try writeRandomFile("\(model)/weights/model.safetensors", count: 64 * 1024, seed: 1234)
        }

        try world.transferAccepted(first, store)
        let blobsBefore = world.blobNames(store)
        let bytesBefore = try #require(integer(try world.verifyStore(store).report["bytes"]))

        let outcome = try world.transferAccepted(second, store)
        let files = 6
        let changed = 1
        #expect(integer(outcome["filesReused"]) == Int64(files - changed))
        #expect(integer(outcome["bytesCopied"]) == Int64(64 * 1024))
        #expect(try #require(integer(outcome["bytesReused"])) >= Int64(tokenizerBytes))

        let blobsAfter = world.blobNames(store)
        #expect(Set(blobsBefore).isSubset(of: Set(blobsAfter)))
        #expect(blobsAfter.count - blobsBefore.count == changed + Self.metadataBlobsPerVersion,
                "\(blobsBefore.count) blobs became \(blobsAfter.count)")
        let bytesAfter = try #require(integer(try world.verifyStore(store).report["bytes"]))
        #expect(bytesAfter - bytesBefore < Int64(tokenizerBytes), "the shared tokenizer was stored twice")

        #expect(try world.labels(store) == ["llama@1.0.0", "llama@1.1.0"])
        for (version, model) in [("1.0.0", first), ("1.1.0", second)] {
            let export = world.path("export-\(version)")
            try world.transferAccepted(store, export, ["--model", "llama@\(version)"])
            try expectSameTree(export, as: model)
        }
    }

    @Test func twoIdenticalFilesInOneModelBecomeOneBlob() throws {
        let world = try StoreFixture()
        let store = try world.makeStore("store")
        let model = try world.signedModel("model", name: "twins", version: "1.0.0", weightBytes: 2 << 20) { model in
            try FileManager.default.copyItem(atPath: "\(model)/weights/model.safetensors", toPath: "\(model)/weights/copy.safetensors")
        }
        try world.transferAccepted(model, store, ["--jobs", "2"])
        let weights = try Data(contentsOf: URL(fileURLWithPath: "\(model)/weights/model.safetensors"))
        let holding = world.blobNames(store).filter { name in
            (try? Data(contentsOf: URL(fileURLWithPath: "\(store)/blobs/sha256/\(name)"))) == weights
        }
        #expect(holding.count == 1)
        #expect(try world.verifyStore(store).status == 0)
        #expect(world.stagingNames(store).isEmpty)
        let export = world.path("served")
        try world.transferAccepted(store, export, ["--model", "twins"])
        try expectSameTree(export, as: model)
    }

    /// Many copies of one file, copied by two workers: each content is staged and installed
    /// once (two workers installing one staging file raced, and the loser failed).
    @Test func manyIdenticalFilesInOneModelAreStagedOnce() throws {
        let world = try StoreFixture()
        let store = try world.makeStore("store")
        let model = try world.signedModel("model", name: "copies", version: "1.0.0", weightBytes: 1 << 20) { model in
            for copy in 0..<12 {
                try FileManager.default.copyItem(atPath: "\(model)/weights/model.safetensors", toPath: "\(model)/weights/copy-\(copy).bin")
            }
        }
        let outcome = try world.transferAccepted(model, store, ["--jobs", "2"])
        #expect(integer(outcome["filesReused"]) ?? 0 >= 12)
        #expect(try world.verifyStore(store).status == 0)
        #expect(world.stagingNames(store).isEmpty)
    }

    /// A file whose content another file of the same model already brings is still read
    /// and checked from the source: tampering with the second copy rejects the model.
    @Test func aTamperedDuplicateIsRejectedThoughItsContentIsCopiedOnce() throws {
        let world = try StoreFixture()
        let store = try world.makeStore("store")
        let model = try world.signedModel("model", name: "twins", version: "1.0.0", weightBytes: 1 << 20) { model in
            try FileManager.default.copyItem(atPath: "\(model)/weights/model.safetensors", toPath: "\(model)/weights/zz-copy.bin")
        }
        try flipByte(in: "\(model)/weights/zz-copy.bin", at: 4096)
        let result = try world.transfer(model, store, ["--jobs", "2"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("zz-copy.bin"))
        #expect(try world.listedModels(store).isEmpty)
    }
}
