import ArtefactCore
import Foundation
import Testing

/// Numbers from the command line, from files and from signed payloads never overflow into
/// a trap: a value too large to compute with is bad input (exit 2) or a rejection (exit 1),
/// with one line that names it.
@Suite struct ArithmeticBoundsTests {
    @Test(arguments: ["9223372036854775807s", "9223372036854775807w", "106751991167300d", "3000000d", "99999999999999999999h",
                      "9999-12-31T23:59:59-01:00"])
    func anExpiryBeyondWhatABundleCanHoldIsBadInput(expires: String) throws {
        let scratch = try Scratch()
        let keys = try KeyPair.generate(in: scratch)
        let model = try scratch.makeModel()
        let result = try CLI.run(["sign", model, "--key", keys.privateKey, "--expires", expires], environment: KeyPair.environment)
        expectBadInput(result, mentioning: ["--expires"])
        #expect(!FileManager.default.fileExists(atPath: "\(model)/model.sig"))
    }

    @Test(arguments: ["9223372036854775807G", "99999999999999999999", "8388608T"])
    func aShardSizeThatOverflowsIsBadInput(size: String) throws {
        let scratch = try Scratch()
        let model = try scratch.makeModel()
        expectBadInput(try CLI.run(["hash", model, "--shard-size", size]), mentioning: ["--shard-size"])
    }

    @Test func theLatestWritableExpiryIsSignedAndReadBack() throws {
        let fixture = try SignedFixture.make(signArguments: ["--expires", "9999-12-31T23:59:59Z"])
        expectAccepted(try fixture.verify(["--quiet"]))
        let inspected = try CLI.run(["inspect", "\(fixture.model)/model.sig"])
        #expect(inspected.status == 0)
        #expect(inspected.stdout.contains("9999-12-31T23:59:59Z"))
    }

    @Test(arguments: ["9999-12-31T23:59:59Z", "9999-12-31T23:59:59+01:00"])
    func aCrossingJudgedAtTheFarFutureDoesNotTrap(at: String) throws {
        let world = try StoreFixture()
        let model = try world.signedModel("model", name: "resnet", version: "1.0.0")
        let store = try world.makeStore("store")
        let result = try world.transfer(model, store, ["--at", at])
        #expect(result.status == 0 || result.status == 1, "exit \(result.status): \(result.stderr)")
    }

    @Test(arguments: ["10000-01-01T00:00:00Z", "9999-12-31T23:59:59-00:01", "99999999999999999999"])
    func aTimeBeyondYear9999IsBadInput(at: String) throws {
        let world = try StoreFixture()
        let model = try world.signedModel("model", name: "resnet", version: "1.0.0")
        let store = try world.makeStore("store")
        expectBadInput(try world.transfer(model, store, ["--at", at]), mentioning: ["--at"])
    }

    @Test(arguments: ["9223372036854775807", "99999999999999999999", "1e30", "-9223372036854775808", "36501"])
    func aPolicyWithAHugeMaximumAgeIsBadInput(days: String) throws {
        let scratch = try Scratch()
        let keys = try KeyPair.generate(in: scratch)
        try scratch.write("policy.json", """
            {"environment":"prod","clearance":"internal","signers":{"team":{"key":"\(keys.publicKey)"}},
             "rules":[{"models":"*","signers":["team"],"max_age_days":\(days)}]}
            """)
        expectBadInput(try CLI.run(["policy", "check", scratch.path("policy.json")]), mentioning: ["max_age_days"])
    }

    /// A validly signed payload that claims absurd sizes is read, shown and refused
    /// without overflowing anywhere.
    @Test(arguments: [
        (Int64.max, nil as Int64?),
        (Int64.max - 1, Int64.max),
        (Int64.max, 1 << 20),
        (-1, nil),
    ])
    func aSignedPayloadWithHugeSizesIsRejected(size: Int64, shardSize: Int64?) throws {
        let fixture = try SignedFixture.make(signArguments: shardSize == nil ? [] : ["--shard-size", "1M"])
        var bundle = try EditableBundle(path: "\(fixture.model)/model.sig")
        var statement = try bundle.statement
        var predicate = statement["predicate"] as! [String: Any]
        var files = predicate["files"] as! [[String: Any]]
        files[0]["size"] = NSNumber(value: size)
        if let shardSize {
            var hashing = predicate["hashing"] as! [String: Any]
            hashing["shardSize"] = NSNumber(value: shardSize)
            predicate["hashing"] = hashing
        }
        predicate["files"] = files
        statement["predicate"] = predicate
        if size >= 0 {
            // The subject binds the file list: recompute it, so only the size is absurd.
            var subjects = statement["subject"] as! [[String: Any]]
            subjects[0]["digest"] = ["sha256": try subjectDigest(of: predicate)]
            statement["subject"] = subjects
        }
        try bundle.setStatement(statement)
        bundle.signature = try signDSSE(payload: try #require(Data(base64Encoded: bundle.envelope["payload"] as! String)),
                                        type: bundle.envelope["payloadType"] as! String, key: fixture.keys.privateKey, in: fixture.scratch)
        try bundle.write()

        let verified = try fixture.verify()
        #expect(verified.status == 1, "exit \(verified.status): \(verified.stderr)")
        // Past the signature and the subject binding: what refuses it is the size itself.
        #expect(!verified.stderr.contains("signature") && !verified.stderr.contains("subject digest"), "\(verified.stderr)")
        let inspected = try CLI.run(["inspect", "\(fixture.model)/model.sig"])
        #expect(inspected.status == 0 || inspected.status == 1, "exit \(inspected.status): \(inspected.stderr)")
        let world = try StoreFixture()
        let store = try world.makeStore("store")
        let transferred = try world.transfer(fixture.model, store, ["--signature", "\(fixture.model)/model.sig"])
        #expect(transferred.status == 1 || transferred.status == 2, "exit \(transferred.status): \(transferred.stderr)")
    }

    /// The model digest of a predicate's file and symlink lists, as artefact computes it.
    private func subjectDigest(of predicate: [String: Any]) throws -> String {
        let shardSize = ((predicate["hashing"] as? [String: Any])?["shardSize"] as? NSNumber)?.int64Value
        let files = (predicate["files"] as? [[String: Any]] ?? []).map { file in
            let digest: FileDigest = if let shards = file["shards"] as? [String] {
                .shards(shards.map { SHA256Digest(hex: $0)! })
            } else {
                .whole(SHA256Digest(hex: file["sha256"] as! String)!)
            }
            return ModelFile(path: file["path"] as! String, size: (file["size"] as! NSNumber).int64Value, digest: digest)
        }
        let symlinks = (predicate["symlinks"] as? [[String: Any]] ?? []).map {
            ModelSymlink(path: $0["path"] as! String, target: $0["target"] as! String)
        }
        return ModelDigest.compute(ModelContents(files: files, symlinks: symlinks), parameters: try HashingParameters(shardSize: shardSize)).hex
    }

    /// DSSE's pre-authentication encoding of `payload`, signed with the Ed25519 `key` by openssl.
    private func signDSSE(payload: Data, type: String, key: String, in scratch: Scratch) throws -> Data {
        var message = Data("DSSEv1 \(type.utf8.count) \(type) \(payload.count) ".utf8)
        message.append(payload)
        try scratch.write("pae.bin", message)
        let result = try CLI.runTool("openssl", ["pkeyutl", "-sign", "-rawin", "-inkey", key, "-passin", "pass:\(KeyPair.passphrase)",
                                                 "-in", scratch.path("pae.bin"), "-out", scratch.path("pae.sig")])
        guard result.status == 0 else { throw FixtureError("openssl pkeyutl failed: \(result.stderr)") }
        return try Data(contentsOf: URL(fileURLWithPath: scratch.path("pae.sig")))
    }
}
