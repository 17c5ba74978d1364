import ArtefactCore
import Foundation
import Testing

/// The recovery procedure of STORE.md, "Recovering a crossing log", end to end: a store
/// whose log no longer verifies refuses crossings; `audit recover` keeps the damaged log
/// and checkpoint byte for byte beside a new log whose first entry records the break, the
/// new log verifies with the anchored key, and crossings work again.
@Suite struct AuditRecoveryTests {
    @Test(arguments: [AuditForgery.truncateTheLastEntry, .appendAnUnsignedEntry, .deleteTheCheckpoint, .deleteTheLog,
                      .replaceAuditPubAndResign])
    func theRecoveryProcedureRestoresASignedLog(_ forgery: AuditForgery) throws {
        let world = try AuditWorld()
        let problem = try world.apply(forgery)
        let damagedLog = try? Data(contentsOf: URL(fileURLWithPath: world.log.logPath))
        let damagedCheckpoint = try? Data(contentsOf: URL(fileURLWithPath: world.log.checkpointPath))
        expectOperationalFailure(try world.fixture.transfer(world.nextModel, world.store), mentioning: [problem])

        // 1. See what is wrong.
        expectRejected(try world.fixture.run(["audit", "verify", world.store]), check: "audit log of \(world.store)", mentioning: [problem])
        // 2. Keep the damaged log and begin a new one that records the break.
        let recovered = try world.fixture.run(["audit", "recover", world.store, "--note", "ticket SEC-42"])
        expectAccepted(recovered)
        #expect(recovered.stdout.contains("did not verify: "), "\(recovered.stdout)")
        #expect(recovered.stdout.contains("began a new log"), "\(recovered.stdout)")
        let kept = listing("\(world.store)/artefact").filter { $0.contains(".broken-") }
        #expect(kept.filter { $0.hasPrefix("audit.log.broken-") }.count == (damagedLog == nil ? 0 : 1), "\(kept)")
        #expect(kept.filter { $0.hasPrefix("audit.checkpoint.broken-") }.count == (damagedCheckpoint == nil ? 0 : 1), "\(kept)")
        if let damagedLog, let name = kept.first(where: { $0.hasPrefix("audit.log.broken-") }) {
            #expect(try Data(contentsOf: URL(fileURLWithPath: "\(world.store)/artefact/\(name)")) == damagedLog)
        }
        if let damagedCheckpoint, let name = kept.first(where: { $0.hasPrefix("audit.checkpoint.broken-") }) {
            #expect(try Data(contentsOf: URL(fileURLWithPath: "\(world.store)/artefact/\(name)")) == damagedCheckpoint)
        }

        let entries = try world.fixture.auditEntries(world.store)
        try #require(entries.count == 1)
        #expect(entries[0]["action"] as? String == "audit-recover")
        #expect(entries[0]["result"] as? String == "ok")
        let reason = entries[0]["reason"] as? String ?? ""
        #expect(reason.contains(problem), "\(reason)")
        #expect(reason.contains("operator's note: ticket SEC-42"), "\(reason)")
        if let damagedLog {
            #expect(reason.contains("sha256 \(SHA256Hasher.digest(Array(damagedLog)).hex)"), "\(reason)")
        }
        // 3. The new log verifies with the policy's key, and crossings are logged onto it.
        expectAccepted(try world.fixture.run(["audit", "verify", world.store]))
        try world.fixture.transferAccepted(world.nextModel, world.store)
        let verify = try world.fixture.run(["audit", "verify", world.store])
        expectAccepted(verify)
        #expect(verify.stdout.contains("is intact: 2 entries, signed checkpoint covers 2"), "\(verify.stdout)")
    }

    @Test func anIntactLogIsNotRecovered() throws {
        let world = try AuditWorld()
        let before = try world.log.lines()
        expectBadInput(try world.fixture.run(["audit", "recover", world.store]), mentioning: ["verifies (3 entries)", "nothing to recover"])
        #expect(try world.log.lines() == before)
        #expect(listing("\(world.store)/artefact").allSatisfy { !$0.contains(".broken-") })
    }

    @Test func recoveryNeedsTheAuditKey() throws {
        let world = try AuditWorld()
        _ = try world.apply(.truncateTheLastEntry)
        let before = try world.log.lines()
        let result = try CLI.run(["audit", "recover", world.store])
        #expect(result.status == 2, "exit \(result.status): \(result.stderr)")
        #expect(result.stderr.contains("passphrase"), "\(result.stderr)")
        #expect(try world.log.lines() == before)
    }

    @Test func aHashChainOnlyLogIsRecoveredToo() throws {
        let world = try AuditWorld(signedCheckpoints: false)
        var lines = try world.log.lines()
        lines[1] = lines[1].replacingOccurrences(of: "published resnet@1.0.0", with: "published resnet@0.0.1")
        try world.log.write(lines)
        expectOperationalFailure(try world.fixture.transfer(world.nextModel, world.store), mentioning: ["entry 3 does not follow from entry 2"])
        let recovered = try world.fixture.run(["audit", "recover", world.store])
        expectAccepted(recovered)
        #expect(recovered.stdout.contains("no audit key: hash chain only"), "\(recovered.stdout)")
        try world.fixture.transferAccepted(world.nextModel, world.store)
        expectAccepted(try world.fixture.run(["audit", "verify", world.store]))
    }

    @Test func recoveryReplacesACompromisedAuditKey() throws {
        let world = try AuditWorld()
        let policy = world.fixture.path("store-policy.json")
        let successor = try KeyPair.generate(in: world.fixture.scratch, name: "audit-2")
        let successorID = try PublicKey.read(path: successor.publicKey).keyID
        // The old key leaked: the operator anchors a new one in the policy first.
        var document = try jsonObject(try String(contentsOfFile: policy, encoding: .utf8))
        document["audit_key"] = successor.publicKey
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: policy))
        let before = try world.log.lines()

        // Until the store signs with the new key, nothing writes its log.
        expectBadInput(try world.fixture.transfer(world.nextModel, world.store), mentioning: ["is not the key policy \(policy) anchors"])
        expectBadInput(try world.fixture.run(["audit", "recover", world.store]), mentioning: ["is not the key policy \(policy) anchors"])
        let stranger = try KeyPair.generate(in: world.fixture.scratch, name: "stranger")
        expectBadInput(try world.fixture.run(["audit", "recover", world.store, "--audit-key", stranger.privateKey]),
                       mentioning: ["is not the key policy \(policy) anchors"])
        #expect(try world.log.lines() == before)
        // The old key's checkpoint does not verify with the new anchor: the log needs a new segment.
        expectRejected(try world.fixture.run(["audit", "verify", world.store]), check: "audit log of \(world.store)",
                       mentioning: ["signature does not verify"])

        let recovered = try world.fixture.run(["audit", "recover", world.store, "--audit-key", successor.privateKey, "--note", "key rotation"])
        expectAccepted(recovered)
        #expect(recovered.stdout.contains("signed with audit key \(successorID)"), "\(recovered.stdout)")
        let configuration = try jsonObject(try String(contentsOfFile: "\(world.store)/artefact/store.json", encoding: .utf8))
        #expect((configuration["auditKey"] as? String)?.hasSuffix("/audit-2.key") == true, "\(configuration)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: world.log.publicKeyPath)) == Data(contentsOf: URL(fileURLWithPath: successor.publicKey)))
        let entries = try world.fixture.auditEntries(world.store)
        #expect((entries.first?["reason"] as? String)?.contains("signed from here on with audit key \(successorID)") == true)

        let verify = try jsonObject(try world.fixture.run(["audit", "verify", world.store, "--json"]).stdout)
        #expect(verify["intact"] as? Bool == true)
        #expect((verify["auditKey"] as? [String: Any])?["keyid"] as? String == successorID)
        try world.fixture.transferAccepted(world.nextModel, world.store)

        // The leaked key can no longer vouch for a rewritten log.
        try world.log.write(Array(try world.log.lines().dropLast()))
        try world.log.signCheckpointOverTheLog(with: world.fixture.auditKey, scratch: world.fixture.scratch)
        expectOperationalFailure(try world.fixture.transfer(world.store, world.otherStore, ["--model", "resnet@1.2.0"]),
                                 mentioning: ["signature does not verify"])
    }
}
