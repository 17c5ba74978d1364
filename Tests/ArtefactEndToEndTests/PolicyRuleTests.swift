import Foundation
import Testing

/// What a policy decides once a signature is trusted: the first rule whose glob matches the
/// signed name applies, then its threshold, the clearance, expiry and age.
@Suite struct PolicyRuleTests {
    /// A model signed by `keys` under `name` with `extra` sign flags, in its own directory.
    private static func signedModel(_ directory: String, name: String, keys: KeyPair, in scratch: Scratch,
                                    _ extra: [String] = []) throws -> String {
        let model = try scratch.makeModel(directory, weightBytes: 1024)
        try expectSuccess(try TrustCLI.sign(model, with: keys, ["--name", name] + extra), "sign")
        return model
    }

    /// A policy trusting `keys` as "team" under `rules`.
    private static func policy(_ keys: KeyPair, clearance: String = "confidential", rules: [[String: Any]],
                               in scratch: Scratch) throws -> String {
        try PolicyFile.write(["environment": "onprem", "clearance": clearance, "signers": ["team": ["key": keys.publicKey]],
                              "rules": rules], in: scratch)
    }

    @Test func firstMatchingRuleApplies() throws {
        let scratch = try Scratch()
        let team = try KeyPair.generate(in: scratch, name: "team")
        let release = try KeyPair.generate(in: scratch, name: "release")
        let policy = try PolicyFile.write([
            "environment": "onprem", "clearance": "confidential",
            "signers": ["team": ["key": team.publicKey], "release": ["key": release.publicKey]],
            "rules": [["models": "llama-*", "signers": ["team", "release"], "threshold": 2],
                      ["models": "*", "signers": ["team"]]],
        ], in: scratch)
        let llama = try Self.signedModel("llama", name: "llama-3-8b", keys: team, in: scratch)
        let mistral = try Self.signedModel("mistral", name: "mistral-7b", keys: team, in: scratch)

        // The catch-all would accept llama's one signature, but rule 1 matches first.
        expectRejected(try TrustCLI.verify(llama, policy: policy), check: "threshold",
                       mentioning: ["rule 1 (\"llama-*\") needs 2 distinct signer(s) among team, release; 1 signed"])
        let result = try TrustCLI.verify(mistral, policy: policy, ["--json"])
        expectAccepted(result)
        let checks = try #require(try jsonObject(result.stdout)["checks"] as? [[String: Any]])
        let rule = try #require(checks.first { $0["check"] as? String == "rule" })
        #expect(rule["reason"] as? String == "rule 2 (\"*\") applies")
    }

    @Test func modelMatchingNoRuleIsRejected() throws {
        let scratch = try Scratch()
        let team = try KeyPair.generate(in: scratch, name: "team")
        let policy = try Self.policy(team, rules: [["models": "llama-*", "signers": ["team"]]], in: scratch)
        let model = try Self.signedModel("model", name: "mistral-7b", keys: team, in: scratch)

        expectRejected(try TrustCLI.verify(model, policy: policy), check: "rule", mentioning: ["\"onprem\"", "\"mistral-7b\""])
    }

    @Test func classificationAboveClearanceIsRejected() throws {
        let scratch = try Scratch()
        let team = try KeyPair.generate(in: scratch, name: "team")
        let policy = try Self.policy(team, clearance: "confidential", rules: [["models": "*", "signers": ["team"]]], in: scratch)
        let restricted = try Self.signedModel("restricted", name: "secret-model", keys: team, in: scratch,
                                              ["--classification", "restricted"])
        let confidential = try Self.signedModel("confidential", name: "internal-model", keys: team, in: scratch,
                                                ["--classification", "confidential"])

        expectRejected(try TrustCLI.verify(restricted, policy: policy), check: "classification",
                       mentioning: ["restricted", "clearance confidential", "\"onprem\""])
        expectAccepted(try TrustCLI.verify(confidential, policy: policy))
    }

    @Test func expiredSignatureIsRejected() throws {
        let scratch = try Scratch()
        let team = try KeyPair.generate(in: scratch, name: "team")
        let policy = try Self.policy(team, rules: [["models": "*", "signers": ["team"]]], in: scratch)
        let model = try Self.signedModel("model", name: "llama-3-8b", keys: team, in: scratch, ["--expires", "1d"])

        expectAccepted(try TrustCLI.verify(model, policy: policy))
        expectRejected(try TrustCLI.verify(model, policy: policy, ["--at", timeFromNow(seconds: 2 * 86_400)]),
                       check: "expiry", mentioning: ["expired"])
    }

    @Test func signatureOlderThanMaxAgeIsRejectedNamingTheRule() throws {
        let scratch = try Scratch()
        let team = try KeyPair.generate(in: scratch, name: "team")
        let policy = try Self.policy(team, rules: [["models": "llama-*", "signers": ["team"], "max_age_days": 30]], in: scratch)
        let model = try Self.signedModel("model", name: "llama-3-8b", keys: team, in: scratch)

        expectAccepted(try TrustCLI.verify(model, policy: policy, ["--at", timeFromNow(seconds: 29 * 86_400)]))
        expectRejected(try TrustCLI.verify(model, policy: policy, ["--at", timeFromNow(seconds: 31 * 86_400)]),
                       check: "age", mentioning: ["rule 1 (\"llama-*\") accepts signatures up to 30 day(s) old"])
    }

    @Test func signatureDatedInTheFutureIsRejected() throws {
        let scratch = try Scratch()
        let team = try KeyPair.generate(in: scratch, name: "team")
        let policy = try Self.policy(team, rules: [["models": "*", "signers": ["team"]]], in: scratch)
        let model = try Self.signedModel("model", name: "llama-3-8b", keys: team, in: scratch)

        expectRejected(try TrustCLI.verify(model, policy: policy, ["--at", timeFromNow(seconds: -3600)]),
                       check: "age", mentioning: ["in the future"])
    }
}
