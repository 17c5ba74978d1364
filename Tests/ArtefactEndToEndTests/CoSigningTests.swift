import Foundation
import Testing

/// `sign --append` and thresholds: a threshold counts distinct signing keys, however often
/// and in whatever guise one key appears.
@Suite struct CoSigningTests {
    /// A policy trusting two bare keys, "first" and "second", whose one rule needs both.
    private static func twoKeyPolicy(_ first: KeyPair, _ second: KeyPair, in scratch: Scratch) throws -> String {
        try PolicyFile.write([
            "environment": "onprem", "clearance": "internal",
            "signers": ["first": ["key": first.publicKey], "second": ["key": second.publicKey]],
            "rules": [["models": "*", "signers": ["first", "second"], "threshold": 2]],
        ], in: scratch)
    }

    /// Two key pairs, a model signed by the first, and the two-key policy.
    private struct FirstSigned {
        let scratch: Scratch
        let first: KeyPair
        let second: KeyPair
        let model: String
        let policy: String

        static func make() throws -> FirstSigned {
            let scratch = try Scratch()
            let first = try KeyPair.generate(in: scratch, name: "first")
            let second = try KeyPair.generate(in: scratch, name: "second")
            let model = try scratch.makeModel(weightBytes: 1024)
            let policy = try CoSigningTests.twoKeyPolicy(first, second, in: scratch)
            try expectSuccess(try TrustCLI.sign(model, with: first), "sign")
            return FirstSigned(scratch: scratch, first: first, second: second, model: model, policy: policy)
        }
    }

    @Test func twoKeysMeetAThresholdOfTwo() throws {
        let signed = try FirstSigned.make()
        let (second, model, policy) = (signed.second, signed.model, signed.policy)
        expectRejected(try TrustCLI.verify(model, policy: policy), check: "threshold",
                       mentioning: ["rule 1 (\"*\") needs 2 distinct signer(s) among first, second; 1 signed"])

        let appended = try CLI.run(["sign", model, "--key", second.privateKey, "--append"], environment: KeyPair.environment)
        try expectSuccess(appended, "sign --append")
        #expect(appended.stdout.contains("co-signed model"), "stdout: \(appended.stdout)")
        #expect(appended.stdout.contains("(2 signature(s))"), "stdout: \(appended.stdout)")
        expectAccepted(try TrustCLI.verify(model, policy: policy))
    }

    @Test func sameKeyCannotAppendTwice() throws {
        let scratch = try Scratch()
        let first = try KeyPair.generate(in: scratch, name: "first")
        let model = try scratch.makeModel(weightBytes: 1024)
        try expectSuccess(try TrustCLI.sign(model, with: first), "sign")
        let before = try scratch.read("model/model.sig")

        let again = try CLI.run(["sign", model, "--key", first.privateKey, "--append"], environment: KeyPair.environment)
        expectBadInput(again, mentioning: ["already signed"])
        #expect(try scratch.read("model/model.sig") == before)
    }

    @Test func sameSignatureTwiceInTheBundleCountsOnce() throws {
        let signed = try FirstSigned.make()
        let (model, policy) = (signed.model, signed.policy)

        var bundle = try EditableBundle(path: "\(model)/model.sig")
        let signatures = try #require(bundle.envelope["signatures"] as? [[String: Any]])
        #expect(signatures.count == 1)
        bundle.envelope["signatures"] = signatures + signatures
        try bundle.write()

        let result = try TrustCLI.verify(model, policy: policy, ["--json"])
        expectRejected(result, check: "threshold", mentioning: ["rule 1 (\"*\")", "1 signed"])
        let report = try jsonObject(result.stdout)
        #expect((report["trustedSigners"] as? [[String: Any]])?.count == 1)
    }

    @Test func keyAsItselfAndThroughItsCertificateCountsOnce() throws {
        let scratch = try Scratch()
        let pki = try TestPKI(in: scratch)
        let leaf = try pki.issueLeaf("signer", commonName: "ml-signer-1", serial: 100)
        let model = try scratch.makeModel(weightBytes: 1024)
        try expectSuccess(try TrustCLI.sign(model, with: leaf, of: pki), "sign")
        let policy = try PolicyFile.write([
            "environment": "onprem", "clearance": "internal",
            "signers": ["bare": ["key": try pki.publicKey(of: leaf)], "corp": ["ca": pki.root.certificate]],
            "rules": [["models": "*", "signers": ["bare", "corp"], "threshold": 2]],
        ], in: scratch)

        let result = try TrustCLI.verify(model, policy: policy, ["--json"])
        expectRejected(result, check: "threshold", mentioning: ["needs 2 distinct signer(s) among bare, corp; 1 signed"])
        // The one key satisfies both signers, and is still one signer.
        let trusted = try #require(try jsonObject(result.stdout)["trustedSigners"] as? [[String: Any]])
        #expect(trusted.count == 1)
        #expect(trusted.first?["policySigners"] as? [String] == ["bare", "corp"])
    }

    @Test func bareKeyAndCertificateCoSignerMeetAThresholdOfTwo() throws {
        let scratch = try Scratch()
        let pki = try TestPKI(in: scratch)
        let leaf = try pki.issueLeaf("signer", commonName: "ml-signer-1", serial: 100)
        let keys = try KeyPair.generate(in: scratch, name: "team")
        let model = try scratch.makeModel(weightBytes: 1024)
        let crl = try pki.writeCRL("intermediate.crl")
        let policy = try PolicyFile.write([
            "environment": "onprem", "clearance": "internal",
            "signers": ["team": ["key": keys.publicKey],
                        "corp": ["ca": pki.root.certificate, "crl": crl, "identity": "CN=ml-signer-*"]],
            "rules": [["models": "*", "signers": ["team", "corp"], "threshold": 2]],
        ], in: scratch)
        try expectSuccess(try TrustCLI.sign(model, with: keys), "sign")
        try expectSuccess(try TrustCLI.sign(model, with: leaf, of: pki, ["--append"]), "sign --append --cert")

        let result = try TrustCLI.verify(model, policy: policy, ["--json"])
        expectAccepted(result)
        let trusted = try #require(try jsonObject(result.stdout)["trustedSigners"] as? [[String: Any]])
        #expect(trusted.compactMap { $0["policySigners"] as? [String] } == [["team"], ["corp"]])
        #expect(trusted.last?["certificateSubject"] as? String == "CN=ml-signer-1,O=Example")
    }

    @Test func appendKeepsThePayloadBytes() throws {
        let scratch = try Scratch()
        let first = try KeyPair.generate(in: scratch, name: "first")
        let second = try KeyPair.generate(in: scratch, name: "second")
        let model = try scratch.makeModel(weightBytes: 1024)
        try expectSuccess(try TrustCLI.sign(model, with: first), "sign")
        let before = try EditableBundle(path: "\(model)/model.sig")

        try expectSuccess(try CLI.run(["sign", model, "--key", second.privateKey, "--append"], environment: KeyPair.environment),
                          "sign --append")
        let after = try EditableBundle(path: "\(model)/model.sig")
        let payloadBefore = try #require(before.envelope["payload"] as? String)
        #expect(after.envelope["payload"] as? String == payloadBefore)
        let signaturesBefore = try #require(before.envelope["signatures"] as? [[String: String]])
        let signaturesAfter = try #require(after.envelope["signatures"] as? [[String: String]])
        #expect(signaturesAfter.count == 2)
        #expect(signaturesAfter.first == signaturesBefore.first)
    }

    @Test func appendRefusesAModelThatNoLongerMatchesThePayload() throws {
        let scratch = try Scratch()
        let first = try KeyPair.generate(in: scratch, name: "first")
        let second = try KeyPair.generate(in: scratch, name: "second")
        let model = try scratch.makeModel(weightBytes: 1024)
        try expectSuccess(try TrustCLI.sign(model, with: first), "sign")
        let before = try scratch.read("model/model.sig")
        try scratch.write("model/config.json", #"{"architecture":"tiny","layers":3}"#)

        let appended = try CLI.run(["sign", model, "--key", second.privateKey, "--append"], environment: KeyPair.environment)
        expectRejected(appended, check: "integrity", mentioning: ["no longer matches", "config.json"])
        #expect(try scratch.read("model/model.sig") == before)
    }
}
