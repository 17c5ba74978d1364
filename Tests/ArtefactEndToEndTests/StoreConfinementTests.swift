import ArtefactCore
import Foundation
import Testing

/// A store never follows a symlink inside itself: a link planted in place of one of its
/// files or directories, a staged `.part` file or a blob is refused by every verb (exit 2)
/// and reported by `store verify`, and nothing outside the store is ever written, created
/// or deleted through it.
@Suite struct StoreConfinementTests {
    /// A store holding `resnet@1.0.0` (so its log, checkpoint and state exist), a second
    /// signed version ready to transfer, and a directory outside the store.
    private static func storeWithOneVersion() throws -> (world: StoreFixture, store: String, next: String) {
        let world = try StoreFixture()
        let store = try world.makeStore("store")
        try world.transferAccepted(try world.signedModel("v1", name: "resnet", version: "1.0.0"), store)
        let next = try world.signedModel("v2", name: "resnet", version: "2.0.0")
        try world.scratch.write("outside/precious.txt", "keep me")
        return (world, store, next)
    }

    private static func replaceWithSymlink(_ path: String, pointingAt target: String) throws {
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
    }

    private static func isSymlink(_ path: String) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeSymbolicLink
    }

    /// The store's own files, each replaced by a link to a copy outside (or, for the lock,
    /// to a file that does not exist yet): a transfer is refused before any work, writes
    /// nothing through the link and leaves the link in place.
    @Test(arguments: ["artefact/audit.log", "artefact/audit.checkpoint", "artefact/lock", "artefact/state.json", "index.json"])
    func aSymlinkAtAStoreFileIsRefusedAndNeverWrittenThrough(entry: String) throws {
        let (world, store, next) = try Self.storeWithOneVersion()
        let victim = world.path("outside/victim")
        let original = try? Data(contentsOf: URL(fileURLWithPath: "\(store)/\(entry)"))
        if let original, entry != "artefact/lock" { try original.write(to: URL(fileURLWithPath: victim)) }
        try Self.replaceWithSymlink("\(store)/\(entry)", pointingAt: victim)
        let before = try? Data(contentsOf: URL(fileURLWithPath: victim))

        expectBadInput(try world.transfer(next, store), mentioning: ["\(entry) is a symlink"])
        #expect((try? Data(contentsOf: URL(fileURLWithPath: victim))) == before, "\(entry): the file outside the store changed")
        #expect(Self.isSymlink("\(store)/\(entry)"), "\(entry): the planted link was replaced")
        // Every other verb refuses the store too.
        expectBadInput(try world.run(["store", "list", store]), mentioning: ["\(entry) is a symlink"])
        expectBadInput(try world.run(["store", "gc", store]), mentioning: ["\(entry) is a symlink"])
    }

    @Test func aSymlinkAtAStagingPathIsNeverWrittenThrough() throws {
        let world = try StoreFixture()
        let store = try world.makeStore("store")
        let model = try world.signedModel("model", name: "resnet", version: "1.0.0")
        // Every file of the model is staged as `<sha256>.part`: plant a link at each.
        var victims: [String] = []
        for relative in listing(model) where relative != "model.sig" {
            let attributes = try FileManager.default.attributesOfItem(atPath: "\(model)/\(relative)")
            guard attributes[.type] as? FileAttributeType == .typeRegular else { continue }
            let hex = SHA256Hasher.digest(Array(try Data(contentsOf: URL(fileURLWithPath: "\(model)/\(relative)")))).hex
            let victim = world.path("outside/victim-\(victims.count)")
            try world.scratch.write("outside/victim-\(victims.count)", "keep me")
            try FileManager.default.createSymbolicLink(atPath: "\(store)/artefact/staging/\(hex).part", withDestinationPath: victim)
            victims.append(victim)
        }
        let result = try world.transfer(model, store)
        #expect(result.status == 2, "exit \(result.status): \(result.stderr)")
        #expect(result.stderr.contains("is a symlink"), "stderr: \(result.stderr)")
        for victim in victims { #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep me") }
    }

    @Test func aSymlinkInPlaceOfABlobIsNotTakenForTheBlob() throws {
        let world = try StoreFixture()
        let store = try world.makeStore("store")
        let model = try world.signedModel("model", name: "resnet", version: "1.0.0")
        let weights = try Data(contentsOf: URL(fileURLWithPath: "\(model)/weights/model.safetensors"))
        try world.scratch.write("outside/fake-weights", "not the weights")
        try FileManager.default.createSymbolicLink(atPath: "\(store)/blobs/sha256/\(SHA256Hasher.digest(Array(weights)).hex)",
                                                   withDestinationPath: world.path("outside/fake-weights"))
        expectBadInput(try world.transfer(model, store), mentioning: ["is a symlink, not a regular file"])
        #expect(try world.scratch.read("outside/fake-weights") == Data("not the weights".utf8))
    }

    @Test func gcDoesNotFollowASymlinkedStagingDirectory() throws {
        let (world, store, _) = try Self.storeWithOneVersion()
        try world.scratch.write("outside/sub/also.txt", "keep me too")
        try Self.replaceWithSymlink("\(store)/artefact/staging", pointingAt: world.path("outside"))
        expectBadInput(try world.run(["store", "gc", store]), mentioning: ["artefact/staging is a symlink"])
        #expect(listing(world.path("outside")) == ["precious.txt", "sub", "sub/also.txt"])
    }

    @Test func gcDoesNotFollowASymlinkedBlobDirectory() throws {
        let (world, store, _) = try Self.storeWithOneVersion()
        // The blobs move outside, joined by files gc would remove from a real blob directory.
        try FileManager.default.moveItem(atPath: "\(store)/blobs/sha256", toPath: world.path("outside/sha256"))
        try world.scratch.write("outside/sha256/\(String(repeating: "ab", count: 32))", "unreferenced")
        try world.scratch.write("outside/sha256/.left.tmp-1-2", "a leftover")
        try FileManager.default.createSymbolicLink(atPath: "\(store)/blobs/sha256", withDestinationPath: world.path("outside/sha256"))
        let before = listing(world.path("outside/sha256"))
        expectBadInput(try world.run(["store", "gc", store]), mentioning: ["blobs/sha256 is a symlink"])
        #expect(listing(world.path("outside/sha256")) == before)
    }

    @Test func storeVerifyReportsEverySymlinkInsideTheStore() throws {
        let (world, store, _) = try Self.storeWithOneVersion()
        let blob = String(repeating: "cd", count: 32)
        try FileManager.default.createSymbolicLink(atPath: "\(store)/blobs/sha256/\(blob)",
                                                   withDestinationPath: world.path("outside/precious.txt"))
        try FileManager.default.createSymbolicLink(atPath: "\(store)/artefact/staging/leftover.part",
                                                   withDestinationPath: world.path("outside/precious.txt"))
        let (status, report) = try world.verifyStore(store)
        #expect(status == 1)
        #expect(report["symlinks"] as? [String] == ["artefact/staging/leftover.part", "blobs/sha256/\(blob)"])
        #expect(report["clean"] as? Bool == false)
        // gc removes the links themselves, never what they point at.
        expectAccepted(try world.run(["store", "gc", store]))
        #expect(try world.scratch.read("outside/precious.txt") == Data("keep me".utf8))
        #expect(!Self.isSymlink("\(store)/artefact/staging/leftover.part"))
    }

    @Test func storeVerifyReportsASymlinkedStoreDirectoryThatOtherVerbsRefuse() throws {
        let (world, store, _) = try Self.storeWithOneVersion()
        try Self.replaceWithSymlink("\(store)/artefact/staging", pointingAt: world.path("outside"))
        let (status, report) = try world.verifyStore(store)
        #expect(status == 1)
        #expect(report["symlinks"] as? [String] == ["artefact/staging"])
        let text = try world.run(["store", "verify", store])
        #expect(text.status == 1)
        #expect(text.stderr.contains("symlink artefact/staging inside the store"), "stderr: \(text.stderr)")
        expectBadInput(try world.run(["audit", "verify", store]), mentioning: ["artefact/staging is a symlink"])
        #expect(listing(world.path("outside")) == ["precious.txt"])
    }
}
