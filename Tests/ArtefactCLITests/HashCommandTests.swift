import Foundation
import Testing

/// `artefact hash` output and flags; the digests' agreement with `sha256sum` and with
/// `sign` is tested end to end.
@Suite struct HashCommandTests {
    @Test func textHasOneLinePerFileAndTheModelDigestLast() throws {
        let workspace = try Workspace()
        let result = artefact(["hash", try workspace.makeModel()])
        expectSuccess(result)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines.dropLast().map { String($0.dropFirst(66)) } == ["config.json", "tokenizer/vocab.json", "weights.bin"])
        #expect(lines.dropLast().allSatisfy { $0.wholeMatch(of: #/[0-9a-f]{64}  \S+/#) != nil }, "\(lines)")
        #expect(lines.last?.wholeMatch(of: #/# model digest: sha256:[0-9a-f]{64}/#) != nil, "\(lines)")
    }

    @Test func jsonHasEveryMember() throws {
        let workspace = try Workspace()
        let model = try workspace.makeModel()
        let result = artefact(["hash", model, "--json", "--jobs", "3", "--shard-size", "1M", "--ignore", "*.tmp"])
        expectSuccess(result)
        let document = try jsonObject(result.stdout)
        #expect(Set(document.keys) == ["schemaVersion", "ok", "path", "modelDigest", "hashing", "ignore", "totalBytes", "files", "symlinks"])
        #expect(document["path"] as? String == model)
        #expect((document["modelDigest"] as? String)?.wholeMatch(of: #/sha256:[0-9a-f]{64}/#) != nil)
        let hashing = try #require(document["hashing"] as? [String: Any])
        #expect(hashing["algorithm"] as? String == "sha256")
        #expect(hashing["shardSize"] as? Int == 1 << 20)
        #expect(hashing["jobs"] as? Int == 3)
        #expect((document["ignore"] as? [String])?.contains("*.tmp") == true)
        #expect(document["totalBytes"] as? Int == 12 + 7 + 4096)
        #expect((document["files"] as? [[String: Any]])?.count == 3)
        let symlinks = try #require(document["symlinks"] as? [[String: Any]])
        #expect(symlinks.first?["path"] as? String == "latest.json")
        #expect(symlinks.first?["target"] as? String == "config.json")
    }

    @Test func theModeFollowsTheShardSize() throws {
        let workspace = try Workspace()
        let model = try workspace.makeModel()
        let files = try jsonObject(artefact(["hash", model, "--json"]).stdout)["hashing"] as? [String: Any]
        let shards = try jsonObject(artefact(["hash", model, "--json", "--shard-size", "1M"]).stdout)["hashing"] as? [String: Any]
        #expect(files?["mode"] as? String == "files")
        #expect(files?["shardSize"] is NSNull)
        #expect(shards?["mode"] as? String == "shards")
    }

    @Test func ignoreLeavesFilesOut() throws {
        let workspace = try Workspace()
        let model = try workspace.makeModel()
        let result = artefact(["hash", model, "--ignore", "tokenizer/"])
        expectSuccess(result)
        #expect(!result.stdout.contains("tokenizer/"))
        #expect(result.stdout.contains("  config.json\n"))
    }

    @Test func badHashFlagsAreRefused() throws {
        let workspace = try Workspace()
        let model = try workspace.makeModel()
        expectBadInput(artefact(["hash", model, "--shard-size", "10"]), mentioning: ["below the minimum"])
        expectBadInput(artefact(["hash", model, "--jobs", "0"]), mentioning: ["--jobs"])
        expectBadInput(artefact(["hash", workspace.path("absent")]), mentioning: ["does not exist"])
        expectBadInput(artefact(["hash"]), mentioning: ["'hash' needs a model PATH"])
        expectBadInput(artefact(["hash", model, model]), mentioning: ["takes one"])
    }
}
