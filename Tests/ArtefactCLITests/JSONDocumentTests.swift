import Foundation
import Testing

/// `--json` on every verb: one JSON object on stdout with `schemaVersion` 1 and an `ok`
/// that is true exactly when the run exits 0, beside the verb's own fields.
@Suite struct JSONDocumentTests {
    /// A workspace with a signed model, a policy trusting its key, and a store made under it.
    struct Fixture {
        let workspace: Workspace
        let signed: (model: String, publicKey: String, bundle: String)
        let policy: String
        let store: String

        init(signArguments: [String] = ["--version", "1.0.0"]) throws {
            workspace = try Workspace()
            signed = try workspace.makeSignedModel(signArguments: signArguments)
            try workspace.write("policy.json", """
            {"environment": "prod", "clearance": "internal", "signers": {"ci": {"key": "\(signed.publicKey)"}},
             "rules": [{"models": "*", "signers": ["ci"]}]}
            """)
            policy = workspace.path("policy.json")
            store = workspace.path("store")
            let created = artefact(["store", "init", store, "--environment", "prod", "--policy", policy])
            guard created.status == 0 else { throw WorkspaceError(description: "store init failed: \(created.stderr)") }
        }

        func run(_ arguments: [String]) -> RunResult { artefact(arguments, environment: Workspace.environment) }
    }

    /// Parses stdout as one JSON object and checks the two fields every document has.
    @discardableResult
    static func document(_ result: RunResult, ok: Bool, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let document = try jsonObject(result.stdout, sourceLocation: sourceLocation)
        #expect(document["schemaVersion"] as? Int == 1, "\(result.stdout)", sourceLocation: sourceLocation)
        #expect(document["ok"] as? Bool == ok, "\(result.stdout)", sourceLocation: sourceLocation)
        #expect(result.status == (ok ? 0 : result.status), sourceLocation: sourceLocation)
        // The header leads, so a reader streaming the document meets it first.
        #expect(result.stdout.hasPrefix("{\n  \"schemaVersion\": 1,\n  \"ok\": \(ok),"), "\(result.stdout)", sourceLocation: sourceLocation)
        return document
    }

    /// Expects the error document with `kind`, the exit code of that kind, and the usual
    /// one line on stderr saying the same.
    static func expectError(_ result: RunResult, kind: String, status: Int32, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(result.status == status, "exit \(result.status); stderr: \(result.stderr)", sourceLocation: sourceLocation)
        let document = try Self.document(result, ok: false, sourceLocation: sourceLocation)
        #expect(Set(document.keys) == ["schemaVersion", "ok", "error"], sourceLocation: sourceLocation)
        let error = try #require(document["error"] as? [String: Any], sourceLocation: sourceLocation)
        #expect(error["kind"] as? String == kind, "\(result.stdout)", sourceLocation: sourceLocation)
        let message = try #require(error["message"] as? String, sourceLocation: sourceLocation)
        #expect(result.errorLines.count == 1, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.errorLine.hasSuffix(": " + message), "\(result.errorLine) vs \(message)", sourceLocation: sourceLocation)
    }

    /// Every verb and subcommand accepts the flag (help wins, so nothing runs): a verb
    /// without it would answer "unknown flag --json" with exit 2.
    @Test(arguments: [["keygen"], ["hash"], ["sign"], ["verify"], ["inspect"], ["policy", "check"], ["store", "init"],
                      ["store", "list"], ["store", "verify"], ["store", "gc"], ["transfer"], ["audit", "show"],
                      ["audit", "verify"], ["audit", "export"], ["audit", "recover"], ["diff"]])
    func everyVerbTakesTheFlag(verb: [String]) {
        let result = artefact(verb + ["--json", "--help"])
        #expect(result.status == 0, "\(verb): \(result.stderr)")
        #expect(result.stdout.contains("--json"), "\(verb)'s help does not mention --json")
    }

    @Test func keygenHashSignInspectAndVersion() throws {
        let workspace = try Workspace()
        let model = try workspace.makeModel()
        let keygen = try Self.document(artefact(["keygen", "--out", workspace.path("k"), "--json", "--comment", "ci"],
                                                environment: Workspace.environment), ok: true)
        #expect(keygen["privateKey"] as? String == workspace.path("k.key"))
        #expect(keygen["publicKey"] as? String == workspace.path("k.pub"))
        #expect(keygen["encrypted"] as? Bool == true)
        #expect(keygen["comment"] as? String == "ci")
        let keyID = try #require(keygen["keyId"] as? String)

        let hash = try Self.document(artefact(["hash", model, "--json"]), ok: true)
        let sign = try Self.document(artefact(["sign", model, "--key", workspace.path("k.key"), "--json"],
                                              environment: Workspace.environment), ok: true)
        #expect(sign["action"] as? String == "signed")
        #expect(sign["keyId"] as? String == keyID)
        #expect(sign["bundle"] as? String == model + "/model.sig")
        #expect(sign["signatureCount"] as? Int == 1)
        #expect((sign["model"] as? [String: Any])?["modelDigest"] as? String == hash["modelDigest"] as? String)

        let inspect = try Self.document(artefact(["inspect", model + "/model.sig", "--json"]), ok: true)
        #expect(inspect["signatureKeyIDs"] as? [String] == [keyID])
        let version = try Self.document(artefact(["version", "--json"]), ok: true)
        #expect(version["version"] as? String != nil)
        try Self.document(artefact(["--version", "--json"]), ok: true)
    }

    @Test func verifyAcceptsWithOkTrueAndRejectsWithItsFullReport() throws {
        let fixture = try Fixture()
        let accepted = try Self.document(fixture.run(["verify", fixture.signed.model, "--key", fixture.signed.publicKey, "--json"]), ok: true)
        #expect(accepted["verified"] as? Bool == true)
        let signer = try #require((accepted["trustedSigners"] as? [[String: Any]])?.first)
        #expect(signer["keyid"] as? String == signer["keyId"] as? String && signer["keyId"] != nil)
        let signatureCheck = try #require((accepted["checks"] as? [[String: Any]])?.first { $0["check"] as? String == "signature" })
        let note = try #require((signatureCheck["signatures"] as? [[String: Any]])?.first, "\(signatureCheck)")
        #expect(note["keyId"] as? String == note["keyid"] as? String && note["keyId"] != nil)

        try fixture.workspace.write("model/weights.bin", "tampered")
        let rejected = fixture.run(["verify", fixture.signed.model, "--key", fixture.signed.publicKey, "--json"])
        #expect(rejected.status == 1)
        // A rejection keeps the whole report, the failed check in it, and no error member.
        let report = try Self.document(rejected, ok: false)
        #expect(report["verified"] as? Bool == false)
        #expect(report["error"] == nil)
        #expect((report["checks"] as? [[String: Any]])?.contains { $0["result"] as? String == "fail" } == true, "\(rejected.stdout)")
        #expect(rejected.errorLine.hasPrefix("artefact: rejected: "))
    }

    @Test func policyCheck() throws {
        let fixture = try Fixture()
        let policy = try Self.document(fixture.run(["policy", "check", fixture.policy, "--json"]), ok: true)
        #expect(policy["valid"] as? Bool == true)
        let rule = try #require((policy["rules"] as? [[String: Any]])?.first)
        #expect(rule["maxAgeDays"] is NSNull && rule["max_age_days"] is NSNull)
        let signer = try #require((policy["signers"] as? [[String: Any]])?.first)
        #expect(signer["keyId"] as? String != nil && signer["keyId"] as? String == signer["keyid"] as? String)
    }

    @Test func storeTransferAuditAndDiff() throws {
        let fixture = try Fixture()
        let transfer = try Self.document(fixture.run(["transfer", fixture.signed.model, fixture.store, "--json"]), ok: true)
        #expect(transfer["accepted"] as? Bool == true)
        #expect((transfer["model"] as? [String: Any])?["name"] as? String == "model")

        let list = try Self.document(fixture.run(["store", "list", fixture.store, "--json"]), ok: true)
        #expect((list["models"] as? [[String: Any]])?.count == 1)
        let verify = try Self.document(fixture.run(["store", "verify", fixture.store, "--json"]), ok: true)
        #expect(verify["clean"] as? Bool == true)
        let gc = try Self.document(fixture.run(["store", "gc", fixture.store, "--json"]), ok: true)
        #expect(gc["removedBlobs"] as? Int == 0 && gc["removedPartials"] as? Int == 0 && gc["removedBytes"] as? Int == 0)

        let show = try Self.document(fixture.run(["audit", "show", fixture.store, "--json"]), ok: true)
        let actions = (show["entries"] as? [[String: Any]])?.compactMap { $0["action"] as? String }
        #expect(actions == ["store-init", "transfer-in", "gc"], "\(show)")
        #expect(show["store"] as? String == fixture.store)
        let auditVerify = try Self.document(fixture.run(["audit", "verify", fixture.store, "--json"]), ok: true)
        #expect(auditVerify["intact"] as? Bool == true)
        let export = try Self.document(fixture.run(["audit", "export", fixture.store, "--json"]), ok: true)
        #expect((export["entries"] as? [Any])?.count == 3)

        let other = fixture.workspace.path("other")
        _ = fixture.run(["store", "init", other, "--environment", "prod", "--policy", fixture.policy])
        let diff = try Self.document(fixture.run(["diff", fixture.store, other, "--json"]), ok: true)
        #expect(diff["inSync"] as? Bool == false)
    }

    /// A refused crossing keeps the transfer's own report (ok false), not the error document.
    @Test func rejectedTransferKeepsItsReport() throws {
        let fixture = try Fixture(signArguments: [])
        let result = fixture.run(["transfer", fixture.signed.model, fixture.store, "--json"])
        #expect(result.status == 1)
        let report = try Self.document(result, ok: false)
        #expect(report["accepted"] as? Bool == false)
        #expect((report["reason"] as? String)?.contains("version") == true)
        #expect(report["error"] == nil)
        #expect(result.errorLine.hasPrefix("artefact: rejected: "))
    }

    @Test func storeInitReportsTheStore() throws {
        let fixture = try Fixture()
        let store = fixture.workspace.path("second")
        let created = try Self.document(fixture.run(["store", "init", store, "--environment", "prod", "--policy", fixture.policy, "--json"]),
                                        ok: true)
        #expect(created["store"] as? String == store)
        #expect(created["environment"] as? String == "prod")
        #expect(created["policy"] as? String == fixture.policy)
        #expect(created["auditKey"] is NSNull)
    }

    /// A damaged crossing log: verify rejects with its report (ok false), a writing verb
    /// fails operationally with the error document, and recover reports what it did.
    @Test func damagedLogRejectsThenFailsOperationallyThenRecovers() throws {
        let fixture = try Fixture()
        let log = URL(fileURLWithPath: fixture.store + "/artefact/audit.log")
        let handle = try FileHandle(forWritingTo: log)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("garbage\n".utf8))
        try handle.close()

        let verify = fixture.run(["audit", "verify", fixture.store, "--json"])
        #expect(verify.status == 1)
        let report = try Self.document(verify, ok: false)
        #expect(report["intact"] as? Bool == false)
        #expect(report["error"] == nil)

        try Self.expectError(fixture.run(["store", "gc", fixture.store, "--json"]), kind: "operational", status: 3)
        try Self.expectError(fixture.run(["audit", "export", fixture.store, "--json"]), kind: "rejected", status: 1)

        let recover = try Self.document(fixture.run(["audit", "recover", fixture.store, "--json"]), ok: true)
        #expect((recover["problems"] as? [String])?.isEmpty == false)
        #expect((recover["archivedLog"] as? String)?.contains("audit.log.broken-") == true)
    }

    @Test(arguments: [
        ["frobnicate", "--json"],
        ["hash", "--json", "--bogus"],
        ["hash", "--json"],
        ["store", "--json"],
        ["store", "list", "--json", "--jobs", "2", "/tmp"],
        ["audit", "show", "--json"],
        ["policy", "--json"],
        ["verify", "/tmp", "--json", "--key"],
    ])
    func usageErrorsGiveTheUsageDocument(arguments: [String]) throws {
        try Self.expectError(artefact(arguments), kind: "usage", status: 2)
    }

    @Test func badInputGivesTheBadInputDocument() throws {
        let workspace = try Workspace()
        try Self.expectError(artefact(["inspect", workspace.path("absent.sig"), "--json"]), kind: "bad-input", status: 2)
        try Self.expectError(artefact(["verify", try workspace.makeModel(), "--key", workspace.path("absent.pub"), "--json"]),
                             kind: "bad-input", status: 2)
        try Self.expectError(artefact(["keygen", "--out", workspace.path("k"), "--json"]), kind: "bad-input", status: 2)
    }

    /// A rejection thrown before any report exists (a co-signature over changed files)
    /// gets the error document with kind "rejected" and exit 1.
    @Test func thrownRejectionGivesTheRejectedDocument() throws {
        let workspace = try Workspace()
        let signed = try workspace.makeSignedModel()
        let second = try workspace.makeKeys("second")
        try workspace.write("model/weights.bin", "tampered")
        try Self.expectError(artefact(["sign", signed.model, "--key", second.privateKey, "--append", "--json"],
                                      environment: Workspace.environment), kind: "rejected", status: 1)
    }

    /// Without --json a failure leaves stdout empty, as before; a "--json" after "--" is
    /// an operand, not the flag.
    @Test func noDocumentWithoutTheFlag() throws {
        let workspace = try Workspace()
        let plain = artefact(["inspect", workspace.path("absent.sig")])
        expectBadInput(plain)
        let operand = artefact(["hash", "--", "--json"])
        #expect(operand.status == 2)
        #expect(operand.stdout.isEmpty)
    }
}
