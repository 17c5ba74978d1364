import Foundation
import Testing

/// `artefact verify --key EC_PUB` on models signed by OpenSSF Model Signing 1.1.1: files and
/// shards serialization with nested folders, an empty file and a followed symlink are
/// accepted; tampering, an extra file, a wrong key, a wrong curve and hostile bundles are
/// rejected (exit 1), each by the check that should catch it.
@Suite struct OMSVerifyTests {
    @Test func filesBundleWithNestedFoldersEmptyFileAndSymlinkVerifies() throws {
        let fixture = try OMSFixture.make()
        let result = try fixture.verify()
        expectAccepted(result)
        #expect(result.stdout.contains("verified model (OMS bundle, files serialization"), "\(result.stdout)")
        let json = try jsonObject(try fixture.verify(["--json"]).stdout)
        #expect(json["format"] as? String == "oms")
        #expect(json["verified"] as? Bool == true)
        let model = try #require(json["model"] as? [String: Any])
        #expect(model["serialization"] as? String == "files")
        #expect(model["version"] is NSNull)
        // config.json, tokenizer/vocab.json, tokenizer/merges.txt, empty.txt, the weights and the link.
        #expect(model["fileCount"] as? Int == 6)
    }

    @Test func shardsBundleVerifiesAndAShardTamperIsRejected() throws {
        let fixture = try OMSFixture.make(shardSize: 100_000)
        expectAccepted(try fixture.verify())
        let json = try jsonObject(try fixture.verify(["--json"]).stdout)
        let model = try #require(json["model"] as? [String: Any])
        #expect(model["serialization"] as? String == "shards")
        #expect(model["shardSize"] as? Int == 100_000)
        // The empty file has no shard; 262144 bytes of weights make three.
        #expect(model["fileCount"] as? Int == 5)

        var weights = try fixture.scratch.read("model/weights/model.safetensors")
        weights[150_000] ^= 1
        try fixture.scratch.write("model/weights/model.safetensors", weights)
        expectRejected(try fixture.verify(), check: "integrity", mentioning: ["changed: weights/model.safetensors"])
    }

    @Test func anEmptyFileAddedInShardsModeIsNotADifferenceButAFileWithBytesIs() throws {
        let fixture = try OMSFixture.make(shardSize: 100_000)
        try fixture.write("added-empty", "")
        expectAccepted(try fixture.verify())
        try fixture.write("added", "x")
        expectRejected(try fixture.verify(), check: "integrity", mentioning: ["unexpected: added"])
    }

    @Test func tamperedFileIsRejected() throws {
        let fixture = try OMSFixture.make()
        try fixture.write("tokenizer/merges.txt", "a c\n")
        let result = try fixture.verify()
        // The link to config.json is unchanged; only the edited file is named.
        expectRejected(result, check: "integrity", mentioning: ["changed: tokenizer/merges.txt"])
        let json = try jsonObject(try fixture.verify(["--json"]).stdout)
        let integrity = try #require((json["checks"] as? [[String: Any]])?.first { $0["check"] as? String == "integrity" })
        #expect(integrity["mismatched"] as? [String] == ["tokenizer/merges.txt"])
    }

    @Test func extraFileAndMissingFileAreRejected() throws {
        let fixture = try OMSFixture.make()
        try fixture.write("tokenizer/extra.txt", "")
        expectRejected(try fixture.verify(), check: "integrity", mentioning: ["unexpected: tokenizer/extra.txt"])
        try FileManager.default.removeItem(atPath: "\(fixture.model)/tokenizer/extra.txt")
        try FileManager.default.removeItem(atPath: "\(fixture.model)/config.json")
        // The link latest.json now dangles: it leads to no file, which rejects too.
        expectRejected(try fixture.verify(), check: "integrity", mentioning: ["latest.json -> config.json leads to nothing"])
    }

    @Test func wrongKeyAndWrongCurveAreRejected() throws {
        let fixture = try OMSFixture.make()
        let other = try OMSFixture.ecKeys(in: fixture.scratch, name: "other")
        expectRejected(try fixture.verify(key: other.publicKey), check: "signature")
        let p384 = try OMSFixture.ecKeys(in: fixture.scratch, name: "p384", curve: "P-384")
        expectRejected(try fixture.verify(key: p384.publicKey), check: "signature")
        // An Ed25519 key verifies no OMS bundle.
        let ed25519 = try KeyPair.generate(in: fixture.scratch)
        expectRejected(try fixture.verify(key: ed25519.publicKey), check: "signature")
    }

    @Test func p384AndP521BundlesVerify() throws {
        for curve in ["P-384", "P-521"] {
            let fixture = try OMSFixture.make(curve: curve)
            expectAccepted(try fixture.verify())
        }
    }

    @Test func hostileBundlesAreRejected() throws {
        let fixture = try OMSFixture.make()
        let original = try fixture.bundleText()
        try fixture.writeBundle(original.replacingOccurrences(of: #"{"mediaType":"#, with: #"{"mediaType":"x","mediaType":"#))
        expectRejected(try fixture.verify(), check: "bundle", mentioning: ["duplicate"])
        try fixture.writeBundle(original.replacingOccurrences(of: #"{"mediaType":"#, with: #"{"extra":1,"mediaType":"#))
        expectRejected(try fixture.verify(), check: "bundle", mentioning: ["unknown field \"extra\""])
        try fixture.writeBundle(original.replacingOccurrences(of: #""tlogEntries":[]"#, with: #""tlogEntries":[{}]"#))
        expectRejected(try fixture.verify(), check: "bundle", mentioning: ["tlogEntries"])

        try fixture.writeBundle(original)
        try fixture.resign(editing: #"statement["predicate"]["resources"][0]["name"] = "../outside.txt""#)
        expectRejected(try fixture.verify(), check: "payload", mentioning: ["'..' component"])
        try fixture.writeBundle(original)
        try fixture.resign(editing: #"statement["predicate"]["model_card"] = {}"#)
        expectRejected(try fixture.verify(), check: "payload", mentioning: ["model_card"])
        try fixture.writeBundle(original)
        try fixture.resign(editing: #"statement["predicate"]["serialization"]["ignore_paths"].append(".")"#)
        expectRejected(try fixture.verify(), check: "payload", mentioning: ["ignore path"])
        try fixture.writeBundle(original)
        expectAccepted(try fixture.verify())
    }

    @Test func symlinkLeavingTheModelIsRejected() throws {
        let fixture = try OMSFixture.make()
        try FileManager.default.createSymbolicLink(atPath: "\(fixture.model)/escape", withDestinationPath: "../../etc/passwd")
        expectRejected(try fixture.verify(), check: "integrity", mentioning: ["leads outside the model"])
    }

    @Test func inspectShowsAnOMSBundleAsUnverified() throws {
        let fixture = try OMSFixture.make()
        let shown = try CLI.run(["inspect", fixture.bundle])
        expectAccepted(shown)
        #expect(shown.stdout.hasPrefix("UNVERIFIED"))
        #expect(shown.stdout.contains("OpenSSF Model Signing"))
        #expect(shown.stdout.contains("tokenizer/vocab.json"))
        let json = try jsonObject(try CLI.run(["inspect", fixture.bundle, "--json"]).stdout)
        #expect(json["verified"] as? Bool == false)
        #expect(json["format"] as? String == "oms")
    }

    /// model_signing passes over a link to a directory without listing it; artefact refuses
    /// it, since what lies behind it is unsigned.
    @Test func aSymlinkToADirectoryIsRejected() throws {
        let fixture = try OMSFixture.make { _, model in
            try FileManager.default.createSymbolicLink(atPath: "\(model)/tok", withDestinationPath: "tokenizer")
        }
        expectRejected(try fixture.verify(), check: "integrity", mentioning: ["tok -> tokenizer", "directory"])
    }

    /// An EC key verifies no artefact bundle, and says so.
    @Test func anECKeyOnAnArtefactBundleSaysWhatItVerifies() throws {
        let fixture = try SignedFixture.make()
        let ec = try OMSFixture.ecKeys(in: fixture.scratch, name: "ec")
        let result = try CLI.run(["verify", fixture.model, "--key", ec.publicKey])
        expectRejected(result, check: "signature", mentioning: ["OpenSSF Model Signing bundles only"])
    }
}
