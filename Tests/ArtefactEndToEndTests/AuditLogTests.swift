import ArtefactCore
import Foundation
import Testing

/// The crossing log is tamper-evident: `audit verify` exits 1 for each way of changing it
/// by hand (the hash chain catches changes inside, the signed checkpoint catches cuts at
/// the end and rewrites), says so when truncation cannot be caught, and `audit export`
/// hands out a checkpoint that an outside tool can check.
@Suite struct AuditLogTests {
    /// A store with four log entries: store-init and three accepted transfers.
    private func storeWithHistory(signedCheckpoints: Bool = true) throws -> (world: StoreFixture, store: String) {
        let world = try StoreFixture()
        let store = try world.makeStore("store", signedCheckpoints: signedCheckpoints)
        for version in ["1.0.0", "1.1.0", "1.2.0"] {
            let model = try world.signedModel("model-\(version)", name: "resnet", version: version, weightBytes: 4096) { model in
                try world.overwrite("config.json", in: model, with: #"{"release":"\#(version)"}"#)
            }
            try world.transferAccepted(model, store)
        }
        let intact = try world.run(["audit", "verify", store])
        expectAccepted(intact)
        #expect(intact.stdout.contains("is intact: 4 entries"), "\(intact.stdout)")
        return (world, store)
    }

    private func readLines(_ store: String) throws -> [String] { try AuditLogForger(store: store).lines() }

    private func writeLines(_ lines: [String], _ store: String) throws { try AuditLogForger(store: store).write(lines) }

    private func sha256(_ line: String) -> String { AuditLogForger.sha256(line) }

    private func forgedEntry(from template: String, sequence: Int, previous: String) throws -> String {
        try AuditLogForger.forgedEntry(from: template, sequence: sequence, previous: previous)
    }

    private func rechain(_ lines: [String], from start: Int) throws -> [String] { try AuditLogForger.rechain(lines, from: start) }

    enum Tampering: String, CaseIterable, Sendable {
        case edit, delete, reorder, insert
    }

    @Test(arguments: Tampering.allCases, [true, false])
    func tamperingInsideTheLogBreaksTheChain(_ tampering: Tampering, signedCheckpoints: Bool) throws {
        let (world, store) = try storeWithHistory(signedCheckpoints: signedCheckpoints)
        var lines = try readLines(store)
        let expected: String
        switch tampering {
        case .edit:
            lines[1] = lines[1].replacingOccurrences(of: "published resnet@1.0.0", with: "published resnet@0.0.1")
            expected = "entry 3 does not follow from entry 2"
        case .delete:
            lines.remove(at: 1)
            expected = "entry 2 carries sequence number 3"
        case .reorder:
            lines.swapAt(1, 2)
            expected = "entry 2 carries sequence number 3"
        case .insert:
            lines.insert(try forgedEntry(from: lines[1], sequence: 3, previous: sha256(lines[1])), at: 2)
            expected = "entry 4 carries sequence number 3"
        }
        try #require(try readLines(store) != lines, "the tampering changed nothing")
        try writeLines(lines, store)

        let result = try world.run(["audit", "verify", store])
        expectRejected(result, check: "audit log of \(store)", mentioning: [expected])
        let report = try jsonObject(try world.run(["audit", "verify", store, "--json"]).stdout)
        #expect(report["intact"] as? Bool == false)
        #expect((report["problems"] as? [String])?.first?.contains(expected) == true, "problems: \(report["problems"] ?? "")")
        // A damaged log is not exported as if it were whole.
        expectRejected(try world.run(["audit", "export", store]), check: "not exporting a damaged log")
    }

    @Test func anEditedNewestEntryIsCaughtByTheSignedCheckpoint() throws {
        let (world, store) = try storeWithHistory()
        var lines = try readLines(store)
        lines[3] = lines[3].replacingOccurrences(of: "published resnet@1.2.0", with: "published resnet@6.6.6")
        try writeLines(lines, store)
        expectRejected(try world.run(["audit", "verify", store]), check: "audit log of \(store)",
                       mentioning: ["entry 4 is not the one the signed checkpoint covers"])
    }

    @Test func anInsertionWithTheChainRecomputedIsCaughtByTheSignedCheckpoint() throws {
        let (world, store) = try storeWithHistory()
        var lines = try readLines(store)
        lines.insert(try forgedEntry(from: lines[1], sequence: 3, previous: sha256(lines[1])), at: 2)
        try writeLines(try rechain(lines, from: 3), store)
        expectRejected(try world.run(["audit", "verify", store]), check: "audit log of \(store)",
                       mentioning: ["entry 4 is not the one the signed checkpoint covers"])
    }

    @Test func anEntryAppendedWithoutTheAuditKeyIsReported() throws {
        let (world, store) = try storeWithHistory()
        var lines = try readLines(store)
        lines.append(try forgedEntry(from: lines[3], sequence: 5, previous: sha256(lines[3])))
        try writeLines(lines, store)
        expectRejected(try world.run(["audit", "verify", store]), check: "audit log of \(store)",
                       mentioning: ["1 entry follows the last signed checkpoint"])
    }

    @Test func aTruncatedTailIsCaughtWithAnAuditKey() throws {
        let (world, store) = try storeWithHistory()
        try writeLines(Array(try readLines(store).dropLast()), store)
        expectRejected(try world.run(["audit", "verify", store]), check: "audit log of \(store)",
                       mentioning: ["the log has 3 entries but the signed checkpoint covers 4", "cut off the end"])
    }

    @Test func withoutAnAuditKeyATruncatedTailGoesUnnoticedAndVerifySaysSo() throws {
        let (world, store) = try storeWithHistory(signedCheckpoints: false)
        try writeLines(Array(try readLines(store).dropLast()), store)
        let result = try world.run(["audit", "verify", store])
        expectAccepted(result)
        #expect(result.stdout.contains("3 entries (no audit key: truncation is not detectable)"), "\(result.stdout)")
        let report = try jsonObject(try world.run(["audit", "verify", store, "--json"]).stdout)
        #expect(report["signedCheckpoints"] as? Bool == false)
        #expect(report["checkpointCount"] is NSNull)
    }

    @Test func aCheckpointWithAForgedSignatureIsCaught() throws {
        let (world, store) = try storeWithHistory()
        let path = "\(store)/artefact/audit.checkpoint"
        var checkpoint = try jsonObject(try String(contentsOfFile: path, encoding: .utf8))
        let encoded = try #require(checkpoint["sig"] as? String)
        var signature = try #require(Data(base64Encoded: encoded))
        signature[5] ^= 0x01
        checkpoint["sig"] = signature.base64EncodedString()
        try JSONSerialization.data(withJSONObject: checkpoint).write(to: URL(fileURLWithPath: path))
        expectRejected(try world.run(["audit", "verify", store]), check: "audit log of \(store)",
                       mentioning: ["the checkpoint's signature does not verify with the store's audit key"])
    }

    @Test func aTruncationWithTheCheckpointRewrittenWithoutTheKeyIsCaught() throws {
        let (world, store) = try storeWithHistory()
        let lines = Array(try readLines(store).dropLast())
        try writeLines(lines, store)
        let path = "\(store)/artefact/audit.checkpoint"
        var checkpoint = try jsonObject(try String(contentsOfFile: path, encoding: .utf8))
        checkpoint["count"] = lines.count
        checkpoint["head"] = sha256(lines[lines.count - 1])
        try JSONSerialization.data(withJSONObject: checkpoint).write(to: URL(fileURLWithPath: path))
        expectRejected(try world.run(["audit", "verify", store]), check: "audit log of \(store)",
                       mentioning: ["signature does not verify"])
    }

    @Test func aDeletedCheckpointIsCaughtWhenTheStoreHasAnAuditKey() throws {
        let (world, store) = try storeWithHistory()
        try FileManager.default.removeItem(atPath: "\(store)/artefact/audit.checkpoint")
        expectRejected(try world.run(["audit", "verify", store]), check: "audit log of \(store)",
                       mentioning: ["no checkpoint"])
    }

    @Test func anExportCarriesACheckpointThatOpenSSLVerifiesOverEveryEntry() throws {
        let (world, store) = try storeWithHistory()
        let result = try world.run(["audit", "export", store])
        expectAccepted(result)
        let document = try jsonObject(result.stdout)
        #expect(document["environment"] as? String == "prod")
        let entries = try #require(document["entries"] as? [[String: Any]])
        let lines = try readLines(store)
        #expect(entries.count == lines.count && lines.count == 4)
        #expect(entries.map { integer($0["seq"]) } == [1, 2, 3, 4])
        let checkpoint = try #require(document["checkpoint"] as? [String: Any])
        let count = try #require(integer(checkpoint["count"]))
        #expect(count == Int64(entries.count))
        let head = try #require(checkpoint["head"] as? String)
        #expect(head == sha256(lines[lines.count - 1]))
        #expect(checkpoint["keyid"] as? String == document["auditKey"] as? String)

        // The signed bytes as FORMAT.md gives them, checked by openssl with audit.pub.
        try world.scratch.write("checkpoint.msg", "artefact-audit-checkpoint-v1\n\(count)\n\(head)\n")
        let encoded = try #require(checkpoint["sig"] as? String)
        try world.scratch.write("checkpoint.sig", try #require(Data(base64Encoded: encoded)))
        let check = try CLI.runTool("openssl", ["pkeyutl", "-verify", "-pubin", "-inkey", "\(store)/artefact/audit.pub", "-rawin",
                                                "-in", world.path("checkpoint.msg"), "-sigfile", world.path("checkpoint.sig")])
        #expect(check.status == 0, "openssl: \(check.stdout) \(check.stderr)")
        #expect(check.stdout.contains("Signature Verified Successfully"))
    }

    @Test func anExportWithoutAnAuditKeyHasNoCheckpoint() throws {
        let (world, store) = try storeWithHistory(signedCheckpoints: false)
        let result = try world.run(["audit", "export", store])
        expectAccepted(result)
        let document = try jsonObject(result.stdout)
        #expect(document["checkpoint"] is NSNull)
        #expect(document["auditKey"] is NSNull)
        #expect((document["entries"] as? [Any])?.count == 4)
    }

    @Test func showFiltersBySince() throws {
        let (world, store) = try storeWithHistory()
        let all = try world.auditEntries(store)
        #expect(all.compactMap { $0["action"] as? String } == ["store-init", "transfer-in", "transfer-in", "transfer-in"])
        let future = try world.run(["audit", "show", store, "--since", timeFromNow(seconds: 3600)])
        expectAccepted(future)
        #expect(future.stdout == "no entries\n")
        let past = try world.run(["audit", "show", store, "--json", "--since", timeFromNow(seconds: -3600)])
        #expect(((try JSONSerialization.jsonObject(with: Data(past.stdout.utf8)) as? [String: Any])?["entries"] as? [Any])?.count == 4)
    }
}
