import Foundation
import Testing

/// A `ca` signer's `identity` glob, matched against the leaf's RFC 4514 subject and its
/// URI subject alternative names.
@Suite struct IdentityTests {
    @Test func subjectOutsideTheIdentityIsRejected() throws {
        let scratch = try Scratch()
        let pki = try TestPKI(in: scratch)
        let leaf = try pki.issueLeaf("bot", commonName: "build-bot", serial: 100)
        let model = try scratch.makeModel(weightBytes: 1024)
        try expectSuccess(try TrustCLI.sign(model, with: leaf, of: pki), "sign")
        let policy = try PolicyFile.certificateSigner(ca: pki.root.certificate, identity: "CN=ml-signer-*", in: scratch)

        expectRejected(try TrustCLI.verify(model, policy: policy), check: "identity",
                       mentioning: ["CN=build-bot,O=Example", "CN=ml-signer-*"])
    }

    @Test func identityMatchesASubjectAlternativeNameURI() throws {
        let scratch = try Scratch()
        let pki = try TestPKI(in: scratch)
        let leaf = try pki.issueLeaf("ci", commonName: "build-bot", uri: "https://ci.example.com/pipelines/release", serial: 100)
        let model = try scratch.makeModel(weightBytes: 1024)
        try expectSuccess(try TrustCLI.sign(model, with: leaf, of: pki), "sign")

        let matching = try PolicyFile.certificateSigner(ca: pki.root.certificate, identity: "https://ci.example.com/pipelines/*",
                                                        to: "matching.json", in: scratch)
        let result = try TrustCLI.verify(model, policy: matching, ["--json"])
        expectAccepted(result)
        let checks = try #require(try jsonObject(result.stdout)["checks"] as? [[String: Any]])
        let identity = try #require(checks.first { $0["check"] as? String == "identity" })
        #expect(identity["result"] as? String == "pass")

        let other = try PolicyFile.certificateSigner(ca: pki.root.certificate, identity: "https://ci.example.com/nightly/*",
                                                     to: "other.json", in: scratch)
        expectRejected(try TrustCLI.verify(model, policy: other), check: "identity", mentioning: ["https://ci.example.com/nightly/*"])
    }

    @Test func identityFailureUnderOneSignerIsForgivenWhenAnotherSignerAcceptsTheCertificate() throws {
        let scratch = try Scratch()
        let pki = try TestPKI(in: scratch)
        let leaf = try pki.issueLeaf("bot", commonName: "build-bot", serial: 100)
        let model = try scratch.makeModel(weightBytes: 1024)
        try expectSuccess(try TrustCLI.sign(model, with: leaf, of: pki), "sign")
        // Two signers share the root; the certificate is the right identity for one of them.
        let policy = try PolicyFile.write([
            "environment": "onprem", "clearance": "internal",
            "signers": ["humans": ["ca": pki.root.certificate, "identity": "CN=ml-signer-*"],
                        "bots": ["ca": pki.root.certificate, "identity": "CN=build-*"]],
            "rules": [["models": "*", "signers": ["humans", "bots"]]],
        ], in: scratch)
        let result = try TrustCLI.verify(model, policy: policy, ["--json"])
        expectAccepted(result)
        let trusted = try #require(try jsonObject(result.stdout)["trustedSigners"] as? [[String: Any]])
        #expect(trusted.count == 1)
        #expect(trusted.first?["policySigners"] as? [String] == ["bots"])
    }
}
