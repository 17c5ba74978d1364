import Foundation
import Testing

/// A `ca` signer with a `crl` requires revocation checking: a revoked leaf, and a CRL that
/// is missing, expired, from another CA or forged, all reject.
@Suite struct RevocationTests {
    /// A PKI with one leaf that signed a model, ready for CRL games.
    private struct Signed {
        let scratch: Scratch
        let pki: TestPKI
        let leaf: TestPKI.Certificate
        let model: String

        init() throws {
            scratch = try Scratch()
            pki = try TestPKI(in: scratch)
            leaf = try pki.issueLeaf("signer", commonName: "ml-signer-1", serial: 100)
            model = try scratch.makeModel(weightBytes: 1024)
            try expectSuccess(try TrustCLI.sign(model, with: leaf, of: pki), "sign")
        }

        func policy(crl: Any?) throws -> String {
            try PolicyFile.certificateSigner(ca: pki.root.certificate, crl: crl, in: scratch)
        }
    }

    @Test func revokedLeafIsRejected() throws {
        let signed = try Signed()
        let crl = try signed.pki.writeCRL("intermediate.crl")
        let policy = try signed.policy(crl: crl)
        expectAccepted(try TrustCLI.verify(signed.model, policy: policy))

        try signed.pki.revoke(signed.leaf)
        try signed.pki.writeCRL("intermediate.crl")
        expectRejected(try TrustCLI.verify(signed.model, policy: policy), check: "revocation", mentioning: ["revoked"])
    }

    @Test func revokedLeafIsAcceptedWhenThePolicyChecksNoRevocation() throws {
        let signed = try Signed()
        try signed.pki.revoke(signed.leaf)
        try signed.pki.writeCRL("intermediate.crl")
        // Without "crl" the policy does not ask; the JSON report says revocation was not required.
        let result = try TrustCLI.verify(signed.model, policy: try signed.policy(crl: nil), ["--json"])
        expectAccepted(result)
        let checks = try #require(try jsonObject(result.stdout)["checks"] as? [[String: Any]])
        let revocation = try #require(checks.first { $0["check"] as? String == "revocation" })
        #expect(revocation["result"] as? String == "pass")
        #expect((revocation["reason"] as? String)?.contains("not required") == true, "\(revocation)")
    }

    @Test func missingCRLFileIsBadInputAtPolicyLoad() throws {
        let signed = try Signed()
        let policy = try signed.policy(crl: "no-such.crl")
        let result = try TrustCLI.verify(signed.model, policy: policy)
        expectBadInput(result, mentioning: ["policy.signers.corp", "no-such.crl", "does not exist"])
    }

    @Test func expiredCRLIsRejected() throws {
        let signed = try Signed()
        let crl = try signed.pki.writeCRL("intermediate.crl", hours: 1)
        let policy = try signed.policy(crl: crl)
        expectAccepted(try TrustCLI.verify(signed.model, policy: policy))

        let later = try TrustCLI.verify(signed.model, policy: policy, ["--at", timeFromNow(seconds: 2 * 3600)])
        expectRejected(later, check: "revocation", mentioning: ["CRL has expired"])
    }

    @Test(arguments: [true, false])
    func forgedCRLWithTheIntermediatesNameIsRejected(keyIdentifier: Bool) throws {
        let signed = try Signed()
        let forged = try signed.pki.writeForgedCRL("forged.crl", keyIdentifier: keyIdentifier)
        let result = try TrustCLI.verify(signed.model, policy: try signed.policy(crl: forged))
        expectRejected(result, check: "revocation", mentioning: ["CRL", "CN=ml-signer-1,O=Example"])
    }

    @Test func forgedCRLBesideTheGenuineOneStillRevokes() throws {
        let signed = try Signed()
        try signed.pki.revoke(signed.leaf)
        let genuine = try signed.pki.writeCRL("intermediate.crl")
        let forged = try signed.pki.writeForgedCRL("forged.crl")
        // A forger's empty CRL listed first must not hide the genuine CRL's revocation.
        let result = try TrustCLI.verify(signed.model, policy: try signed.policy(crl: [forged, genuine]))
        expectRejected(result, check: "revocation", mentioning: ["revoked"])
    }

    @Test func crlFromAnotherCAOnlyIsRejected() throws {
        let signed = try Signed()
        let other = try TestPKI(in: signed.scratch, name: "Other")
        let otherCRL = try other.writeCRL("other.crl")
        // Revocation is required, and nothing says whether this leaf is revoked.
        let result = try TrustCLI.verify(signed.model, policy: try signed.policy(crl: otherCRL))
        expectRejected(result, check: "revocation", mentioning: ["CRL"])
    }
}
