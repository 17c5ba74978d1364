import Foundation
import Testing

/// `verify --json --policy`: every check in order with its result, the policy it ran
/// under, and rejections that name the rule.
@Suite struct PolicyJSONReportTests {
    private static let allChecks = ["bundle", "chain", "revocation", "identity", "signature", "payload", "rule", "threshold",
                                    "classification", "expiry", "age", "integrity", "model-digest"]

    private static func checks(_ result: CLIResult) throws -> [(name: String, result: String, reason: String)] {
        let list = try #require(try jsonObject(result.stdout)["checks"] as? [[String: Any]])
        return list.map { ($0["check"] as? String ?? "?", $0["result"] as? String ?? "?", $0["reason"] as? String ?? "") }
    }

    @Test func acceptedCertificateSignatureListsEveryCheckAsPassed() throws {
        let scratch = try Scratch()
        let pki = try TestPKI(in: scratch)
        let leaf = try pki.issueLeaf("signer", commonName: "ml-signer-1", serial: 100)
        let crl = try pki.writeCRL("intermediate.crl")
        let model = try scratch.makeModel(weightBytes: 1024)
        try expectSuccess(try TrustCLI.sign(model, with: leaf, of: pki, ["--name", "llama-3-8b"]), "sign")
        let policy = try PolicyFile.certificateSigner(ca: pki.root.certificate, crl: crl, identity: "CN=ml-signer-*",
                                                      models: "llama-*", in: scratch)

        let result = try TrustCLI.verify(model, policy: policy, ["--json"])
        expectAccepted(result)
        let document = try jsonObject(result.stdout)
        #expect(document["verified"] as? Bool == true)
        let policyInfo = try #require(document["policy"] as? [String: Any])
        #expect(policyInfo["environment"] as? String == "onprem")
        #expect(policyInfo["file"] as? String == policy)
        let checks = try Self.checks(result)
        #expect(checks.map(\.name) == Self.allChecks)
        #expect(checks.allSatisfy { $0.result == "pass" }, "\(checks)")
        // Pass reasons speak of the certificate in question, not of certificates in general.
        #expect(checks.first { $0.name == "chain" }?.reason == "certificate \"CN=ml-signer-1,O=Example\" chains to a root of signer corp")
        #expect(checks.first { $0.name == "revocation" }?.reason == "certificate \"CN=ml-signer-1,O=Example\" is not revoked by signer corp's CRLs")
        #expect(checks.first { $0.name == "identity" }?.reason
                == "certificate \"CN=ml-signer-1,O=Example\" matches signer corp's identity \"CN=ml-signer-*\"")
        #expect(checks.first { $0.name == "rule" }?.reason == "rule 1 (\"llama-*\") applies")
        let trusted = try #require(document["trustedSigners"] as? [[String: Any]])
        #expect(trusted.first?["policySigners"] as? [String] == ["corp"])
        #expect(trusted.first?["certificateSubject"] as? String == "CN=ml-signer-1,O=Example")
    }

    @Test func thresholdRejectionNamesTheRuleAndSkipsTheRest() throws {
        let scratch = try Scratch()
        let team = try KeyPair.generate(in: scratch, name: "team")
        let release = try KeyPair.generate(in: scratch, name: "release")
        let model = try scratch.makeModel(weightBytes: 1024)
        try expectSuccess(try TrustCLI.sign(model, with: team, ["--name", "llama-3-8b"]), "sign")
        let policy = try PolicyFile.write([
            "environment": "onprem-prod", "clearance": "confidential",
            "signers": ["team": ["key": team.publicKey], "release": ["key": release.publicKey]],
            "rules": [["models": "llama-*", "signers": ["team", "release"], "threshold": 2, "max_age_days": 30]],
        ], in: scratch)

        let result = try TrustCLI.verify(model, policy: policy, ["--json"])
        let message = "rule 1 (\"llama-*\") needs 2 distinct signer(s) among team, release; 1 signed"
        expectRejected(result, check: "threshold", mentioning: [message])
        let document = try jsonObject(result.stdout)
        #expect(document["verified"] as? Bool == false)
        #expect((document["policy"] as? [String: Any])?["environment"] as? String == "onprem-prod")
        // Bare keys present no certificates, so the certificate checks are not listed.
        let checks = try Self.checks(result)
        #expect(checks.map(\.name) == Self.allChecks.filter { !["chain", "revocation", "identity"].contains($0) })
        #expect(checks.map(\.result) == ["pass", "pass", "pass", "pass", "fail", "skipped", "skipped", "skipped", "skipped", "skipped"])
        #expect(checks.first { $0.name == "threshold" }?.reason == message)
    }

    @Test func ageRejectionNamesTheRule() throws {
        let scratch = try Scratch()
        let team = try KeyPair.generate(in: scratch, name: "team")
        let model = try scratch.makeModel(weightBytes: 1024)
        try expectSuccess(try TrustCLI.sign(model, with: team, ["--name", "llama-3-8b"]), "sign")
        let policy = try PolicyFile.write([
            "environment": "onprem-prod", "clearance": "confidential",
            "signers": ["team": ["key": team.publicKey]],
            "rules": [["models": "llama-*", "signers": ["team"], "max_age_days": 30]],
        ], in: scratch)

        let result = try TrustCLI.verify(model, policy: policy, ["--json", "--at", timeFromNow(seconds: 31 * 86_400)])
        expectRejected(result, check: "age", mentioning: ["rule 1 (\"llama-*\")"])
        let age = try #require(try Self.checks(result).first { $0.name == "age" })
        #expect(age.result == "fail")
        #expect(age.reason.contains("rule 1 (\"llama-*\") accepts signatures up to 30 day(s) old"), "\(age.reason)")
    }

    @Test func chainRejectionIsReportedAsAFailedCheck() throws {
        let signed = try CertificateSignedModel.make()
        let (scratch, pki, leaf, crl, model) = (signed.scratch, signed.pki, signed.leaf, signed.crl, signed.model)
        try pki.revoke(leaf)
        try pki.writeCRL("intermediate.crl")
        let policy = try PolicyFile.certificateSigner(ca: pki.root.certificate, crl: crl, in: scratch)

        let result = try TrustCLI.verify(model, policy: policy, ["--json"])
        expectRejected(result, check: "revocation")
        let checks = try Self.checks(result)
        #expect(checks.map(\.name) == Self.allChecks)
        #expect(checks.first { $0.name == "chain" }?.result == "pass")
        #expect(checks.first { $0.name == "chain" }?.reason.contains("CN=ml-signer-1") == true)
        #expect(checks.first { $0.name == "revocation" }?.result == "fail")
        // The revoked leaf's signature is not reported as trusted: it comes after the failure, skipped.
        #expect(checks.filter { $0.result == "skipped" }.map(\.name) == Array(Self.allChecks.drop { $0 != "identity" }))
        #expect((try jsonObject(result.stdout)["trustedSigners"] as? [Any])?.isEmpty == true)
    }
}
