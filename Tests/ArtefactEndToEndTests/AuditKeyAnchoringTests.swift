import ArtefactCore
import Foundation
import Testing

/// The key that checks a store's audit checkpoints is anchored outside the store (the
/// policy's `audit_key`, or `audit verify --audit-key`), never read from the store's own
/// `audit.pub`: replacing that file changes nothing, `audit verify` says which key it used
/// and where it came from, and fails clearly when the anchored key is missing, unreadable
/// or not configured.
@Suite struct AuditKeyAnchoringTests {
    private func keyID(_ path: String) throws -> String { try PublicKey.read(path: path).keyID }

    @Test func verifyNamesTheAnchoredKeyAndWhereItCameFrom() throws {
        let world = try AuditWorld()
        let policy = world.fixture.path("store-policy.json")
        let text = try world.fixture.run(["audit", "verify", world.store])
        expectAccepted(text)
        #expect(text.stdout.contains("checked with audit key \(try keyID(world.fixture.auditKey.publicKey)) from policy \(policy) "
                                     + "(audit_key \(world.fixture.auditKey.publicKey))"), "\(text.stdout)")
        let report = try jsonObject(try world.fixture.run(["audit", "verify", world.store, "--json"]).stdout)
        let key = try #require(report["auditKey"] as? [String: Any])
        #expect(key["keyid"] as? String == (try keyID(world.fixture.auditKey.publicKey)))
        #expect(key["source"] as? String == "policy")
        #expect(key["file"] as? String == world.fixture.auditKey.publicKey)
        #expect(key["policy"] as? String == policy)
        #expect(report["signedCheckpoints"] as? Bool == true)
    }

    enum Replacement: String, CaseIterable, Sendable {
        case anotherKey, garbage, emptyFile, removed
    }

    private func replaceAuditPub(_ replacement: Replacement, in world: AuditWorld) throws {
        let path = world.log.publicKeyPath
        try FileManager.default.removeItem(atPath: path)
        switch replacement {
        case .anotherKey: try FileManager.default.copyItem(atPath: world.forger.publicKey, toPath: path)
        case .garbage: try Data("-----BEGIN PUBLIC KEY-----\nnot base64\n-----END PUBLIC KEY-----\n".utf8).write(to: URL(fileURLWithPath: path))
        case .emptyFile: try Data().write(to: URL(fileURLWithPath: path))
        case .removed: break
        }
    }

    @Test(arguments: Replacement.allCases)
    func aReplacedAuditPubIsNeverTrusted(_ replacement: Replacement) throws {
        let world = try AuditWorld()
        try replaceAuditPub(replacement, in: world)
        // The untouched log still verifies, with the policy's key, and writers still work.
        let intact = try world.fixture.run(["audit", "verify", world.store, "--json"])
        expectAccepted(intact)
        let report = try jsonObject(intact.stdout)
        #expect((report["auditKey"] as? [String: Any])?["keyid"] as? String == (try keyID(world.fixture.auditKey.publicKey)))
        try world.fixture.transferAccepted(world.nextModel, world.store)

        // And a forgery under the replaced audit.pub is still caught.
        let lines = try world.log.lines()
        try world.log.write(Array(lines.dropLast()))
        if replacement == .anotherKey { try world.log.signCheckpointOverTheLog(with: world.forger, scratch: world.fixture.scratch) }
        let problem = replacement == .anotherKey ? "the checkpoint's signature does not verify with the store's audit key" : "cut off the end"
        expectRejected(try world.fixture.run(["audit", "verify", world.store]), check: "audit log of \(world.store)", mentioning: [problem])
        expectOperationalFailure(try world.fixture.transfer(world.store, world.otherStore, ["--model", "resnet@1.1.0"]),
                                 mentioning: ["does not verify", problem])
    }

    @Test func aMissingOrUnreadableAnchoredKeyFailsClearly() throws {
        let world = try AuditWorld()
        let anchored = world.fixture.auditKey.publicKey
        let saved = try Data(contentsOf: URL(fileURLWithPath: anchored))

        try FileManager.default.removeItem(atPath: anchored)
        expectBadInput(try world.fixture.run(["audit", "verify", world.store]), mentioning: ["policy.audit_key names", "which does not exist"])
        expectBadInput(try world.fixture.transfer(world.nextModel, world.store), mentioning: ["policy.audit_key names", "which does not exist"])

        try Data("garbage\n".utf8).write(to: URL(fileURLWithPath: anchored))
        expectBadInput(try world.fixture.run(["audit", "verify", world.store]), mentioning: ["is not a PEM public key"])
        expectBadInput(try world.fixture.run(["store", "gc", world.store]), mentioning: ["is not a PEM public key"])

        try world.fixture.scratch.write("garbage.pub", "garbage\n")
        try saved.write(to: URL(fileURLWithPath: anchored))
        expectBadInput(try world.fixture.run(["audit", "verify", world.store, "--audit-key", world.fixture.path("garbage.pub")]),
                       mentioning: ["is not a PEM public key"])
        expectBadInput(try world.fixture.run(["audit", "verify", world.store, "--audit-key", world.fixture.path("absent.pub")]),
                       mentioning: ["audit key", "does not exist"])
        expectAccepted(try world.fixture.run(["audit", "verify", world.store]))
    }

    @Test func aStoreThatSignsCheckpointsButWhosePolicyAnchorsNoKeyNeedsAuditKeyToVerify() throws {
        let fixture = try StoreFixture()
        let policy = try fixture.writePolicy("unanchored.json", anchorAuditKey: false)
        let created = try fixture.run(["store", "init", fixture.path("store"), "--environment", "prod", "--policy", policy,
                                       "--audit-key", fixture.auditKey.privateKey])
        try #require(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("'audit verify' needs --audit-key"), "\(created.stdout)")
        let store = fixture.path("store")
        let model = try fixture.signedModel("model", name: "resnet", version: "1.0.0")
        try fixture.transferAccepted(model, store)

        expectBadInput(try fixture.run(["audit", "verify", store]), mentioning: ["no audit key is anchored", "--audit-key"])
        let explicit = try fixture.run(["audit", "verify", store, "--json", "--audit-key", fixture.auditKey.publicKey])
        expectAccepted(explicit)
        let key = try #require(try jsonObject(explicit.stdout)["auditKey"] as? [String: Any])
        #expect(key["source"] as? String == "command-line")
        #expect(key["file"] as? String == fixture.auditKey.publicKey)

        let forger = try KeyPair.generate(in: fixture.scratch, name: "forger")
        expectRejected(try fixture.run(["audit", "verify", store, "--audit-key", forger.publicKey]), check: "audit log of \(store)",
                       mentioning: ["signature does not verify", "--audit-key \(forger.publicKey)"])
        // The store's own copy is inside the store, so it is refused as an anchor.
        expectBadInput(try fixture.run(["audit", "verify", store, "--audit-key", "\(store)/artefact/audit.pub"]),
                       mentioning: ["is inside the store"])

        // Writers check with the public half of the key they sign with: a checkpoint the
        // forger signed over a shorter log, with audit.pub replaced, is refused.
        let log = AuditLogForger(store: store)
        try log.write(Array(try log.lines().dropLast()))
        try FileManager.default.removeItem(atPath: log.publicKeyPath)
        try FileManager.default.copyItem(atPath: forger.publicKey, toPath: log.publicKeyPath)
        try log.signCheckpointOverTheLog(with: forger, scratch: fixture.scratch)
        let second = try fixture.signedModel("model-2", name: "resnet", version: "2.0.0")
        expectOperationalFailure(try fixture.transfer(second, store), mentioning: ["signature does not verify", "the audit signing key"])
        #expect(try fixture.labels(store) == ["resnet@1.0.0"])
    }

    @Test func storeInitNeedsTheKeyThePolicyAnchors() throws {
        let fixture = try StoreFixture()
        let policy = try fixture.writePolicy()
        expectBadInput(try fixture.run(["store", "init", fixture.path("plain"), "--environment", "prod", "--policy", policy]),
                       mentioning: ["anchors audit key", "--audit-key"])
        #expect(!fixture.scratch.exists("plain"))
        let stranger = try KeyPair.generate(in: fixture.scratch, name: "stranger")
        expectBadInput(try fixture.run(["store", "init", fixture.path("wrong"), "--environment", "prod", "--policy", policy,
                                        "--audit-key", stranger.privateKey]),
                       mentioning: ["is not the key policy \(policy) anchors"])
        #expect(!fixture.scratch.exists("wrong"))
        let created = try fixture.run(["store", "init", fixture.path("right"), "--environment", "prod", "--policy", policy,
                                       "--audit-key", fixture.auditKey.privateKey])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("anchored by the policy's audit_key"), "\(created.stdout)")
    }

    @Test func droppingTheAuditKeyFromStoreJSONDoesNotTurnCheckpointsOff() throws {
        let world = try AuditWorld()
        let path = "\(world.store)/artefact/store.json"
        var configuration = try jsonObject(try String(contentsOfFile: path, encoding: .utf8))
        configuration.removeValue(forKey: "auditKey")
        try JSONSerialization.data(withJSONObject: configuration).write(to: URL(fileURLWithPath: path))
        let before = try world.log.lines()
        expectBadInput(try world.fixture.transfer(world.nextModel, world.store), mentioning: ["anchors audit key", "has no audit key"])
        #expect(try world.log.lines() == before)
        // Deleting the checkpoint and cutting the log as well is still caught by the policy's key.
        try FileManager.default.removeItem(atPath: world.log.checkpointPath)
        try world.log.write(Array(before.dropLast()))
        expectRejected(try world.fixture.run(["audit", "verify", world.store]), check: "audit log of \(world.store)",
                       mentioning: ["there is no checkpoint"])
    }

    @Test func policyCheckShowsTheAnchoredAuditKey() throws {
        let fixture = try StoreFixture()
        let anchored = try fixture.writePolicy("anchored.json")
        let text = try fixture.run(["policy", "check", anchored])
        expectAccepted(text)
        #expect(text.stdout.contains("audit key: \(try keyID(fixture.auditKey.publicKey)) (\(fixture.auditKey.publicKey))"), "\(text.stdout)")
        let json = try jsonObject(try fixture.run(["policy", "check", anchored, "--json"]).stdout)
        #expect((json["auditKey"] as? [String: Any])?["keyid"] as? String == (try keyID(fixture.auditKey.publicKey)))

        let plain = try fixture.writePolicy("plain.json", anchorAuditKey: false)
        #expect(try fixture.run(["policy", "check", plain]).stdout.contains("audit key: none anchored"))
        #expect(try jsonObject(try fixture.run(["policy", "check", plain, "--json"]).stdout)["auditKey"] is NSNull)

        // A relative audit_key is resolved against the policy's directory, like every other path.
        try FileManager.default.createDirectory(atPath: fixture.path("env/keys"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixture.auditKey.publicKey, toPath: fixture.path("env/keys/audit.pub"))
        var document = try jsonObject(try String(contentsOfFile: plain, encoding: .utf8))
        document["audit_key"] = "keys/audit.pub"
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: fixture.path("env/policy.json")))
        let relative = try fixture.run(["policy", "check", fixture.path("env/policy.json")])
        expectAccepted(relative)
        #expect(relative.stdout.contains("audit key: \(try keyID(fixture.auditKey.publicKey))"))
        document["audit_key"] = "keys/absent.pub"
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: fixture.path("env/policy.json")))
        expectBadInput(try fixture.run(["policy", "check", fixture.path("env/policy.json")]),
                       mentioning: ["policy.audit_key names keys/absent.pub, which does not exist"])
        document["audit_key"] = ["keys/audit.pub"]
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: fixture.path("env/policy.json")))
        expectBadInput(try fixture.run(["policy", "check", fixture.path("env/policy.json")]), mentioning: ["audit_key"])
    }
}
