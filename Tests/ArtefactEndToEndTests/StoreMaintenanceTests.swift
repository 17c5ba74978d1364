import Foundation
import Testing

/// Looking after a store: `store verify` re-hashes every blob and finds bit rot and
/// missing blobs; `store gc` removes what nothing references and what killed transfers
/// left in staging, and keeps everything a model needs.
@Suite struct StoreMaintenanceTests {
    /// A store holding resnet@1.0.0, and the model directory it came from.
    private func populatedStore() throws -> (world: StoreFixture, store: String, model: String) {
        let world = try StoreFixture()
        let store = try world.makeStore("store")
        let model = try world.signedModel("model", name: "resnet", version: "1.0.0")
        try world.transferAccepted(model, store)
        return (world, store, model)
    }

    /// The blob file that holds `relative` of `model`.
    private func blob(holding relative: String, of model: String, in store: String, world: StoreFixture) throws -> String {
        let content = try Data(contentsOf: URL(fileURLWithPath: "\(model)/\(relative)"))
        let name = try #require(world.blobNames(store).first { name in
            (try? Data(contentsOf: URL(fileURLWithPath: "\(store)/blobs/sha256/\(name)"))) == content
        })
        return "\(store)/blobs/sha256/\(name)"
    }

    @Test func aCleanStoreVerifies() throws {
        let (world, store, _) = try populatedStore()
        let result = try world.run(["store", "verify", store])
        expectAccepted(result)
        #expect(result.stdout.contains("is clean: \(world.blobNames(store).count) blob(s)"), "\(result.stdout)")
        let (status, report) = try world.verifyStore(store)
        #expect(status == 0)
        #expect(integer(report["blobs"]) == Int64(world.blobNames(store).count))
        #expect((report["corrupt"] as? [Any])?.isEmpty == true)
        #expect((report["missing"] as? [Any])?.isEmpty == true)
    }

    @Test func aFlippedByteInABlobIsReportedAsCorrupt() throws {
        let (world, store, model) = try populatedStore()
        let weights = try blob(holding: "weights/model.safetensors", of: model, in: store, world: world)
        try flipByte(in: weights, at: 12345)
        let digest = "sha256:\(URL(fileURLWithPath: weights).lastPathComponent)"

        let result = try world.run(["store", "verify", store])
        expectRejected(result, check: "store \(store)", mentioning: ["corrupt blob \(digest)"])
        let (status, report) = try world.verifyStore(store)
        #expect(status == 1)
        #expect(report["clean"] as? Bool == false)
        #expect(report["corrupt"] as? [String] == [digest])
    }

    @Test func aDeletedBlobIsReportedAsMissing() throws {
        let (world, store, model) = try populatedStore()
        let vocabulary = try blob(holding: "tokenizer/vocab.json", of: model, in: store, world: world)
        try FileManager.default.removeItem(atPath: vocabulary)
        let digest = "sha256:\(URL(fileURLWithPath: vocabulary).lastPathComponent)"

        expectRejected(try world.run(["store", "verify", store]), check: "store \(store)", mentioning: ["missing blob \(digest)"])
        let (status, report) = try world.verifyStore(store)
        #expect(status == 1)
        #expect(report["missing"] as? [String] == [digest])
    }

    @Test func gcRemovesUnreferencedBlobsAndStagingLeftoversAndKeepsTheRest() throws {
        let (world, store, model) = try populatedStore()
        let before = world.blobNames(store)
        // An orphan blob, correctly named for its content, and a leftover partial upload.
        let orphan = Data("nobody references me".utf8)
        let orphanDigest = sha256Hex(orphan, world: world)
        try orphan.write(to: URL(fileURLWithPath: "\(store)/blobs/sha256/\(orphanDigest)"))
        try Data(repeating: 7, count: 1000).write(to: URL(fileURLWithPath: "\(store)/artefact/staging/\(String(repeating: "ab", count: 32)).part"))
        #expect(try world.verifyStore(store).status == 0, "an unreferenced blob is not damage")

        let result = try world.run(["store", "gc", store])
        expectAccepted(result)
        #expect(result.stdout.contains("removed 1 unreferenced blob(s)"), "\(result.stdout)")
        #expect(result.stdout.contains("and 1 partial upload(s)"), "\(result.stdout)")
        #expect(world.blobNames(store) == before)
        #expect(world.stagingNames(store).isEmpty)
        let (status, report) = try world.verifyStore(store)
        #expect(status == 0 && report["clean"] as? Bool == true, "store verify after gc: \(report)")
        let entry = try #require(try world.auditEntries(store).last)
        #expect(entry["action"] as? String == "gc")
        #expect(entry["reason"] as? String == "removed 1 blob(s) and 1 partial upload(s)")

        // Everything the model needs is still there: it exports whole.
        try world.transferAccepted(store, world.path("served"), ["--model", "resnet"])
        try expectSameTree(world.path("served"), as: model)
    }

    @Test func gcOfATidyStoreRemovesNothing() throws {
        let (world, store, _) = try populatedStore()
        let before = world.blobNames(store)
        let result = try world.run(["store", "gc", store])
        expectAccepted(result)
        #expect(result.stdout.hasPrefix("removed 0 unreferenced blob(s)"))
        #expect(world.blobNames(store) == before)
    }

    @Test func aBlobSharedByTwoVersionsSurvivesGc() throws {
        let (world, store, _) = try populatedStore()
        let next = try world.signedModel("next", name: "resnet", version: "1.1.0") { model in
            try world.overwrite("config.json", in: model, with: #"{"architecture":"tiny","layers":3}"#)
        }
        try world.transferAccepted(next, store)
        let before = world.blobNames(store)
        expectAccepted(try world.run(["store", "gc", store]))
        #expect(world.blobNames(store) == before)
        #expect(try world.verifyStore(store).status == 0)
    }

    /// The SHA-256 of `data` in hex, by `sha256sum`.
    private func sha256Hex(_ data: Data, world: StoreFixture) -> String {
        let path = world.path("hash-input-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: path, contents: data) else { return "" }
        let result = try? CLI.runTool("sha256sum", [path])
        return String(result?.stdout.prefix(64) ?? "")
    }
}
