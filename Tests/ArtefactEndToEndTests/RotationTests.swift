import Foundation
import Testing

/// The rotation procedures of `Docs/POLICY.md`, run end to end: a signer certificate, a
/// root, and a bare key.
@Suite struct RotationTests {
    @Test func rotatingASignerCertificate() throws {
        let scratch = try Scratch()
        let pki = try TestPKI(in: scratch)
        let crl = try pki.writeCRL("intermediate.crl")
        let policy = try PolicyFile.certificateSigner(ca: pki.root.certificate, crl: "pki-Test/intermediate.crl",
                                                      identity: "CN=ml-signer-*", in: scratch)
        let old = try pki.issueLeaf("old", commonName: "ml-signer-1", serial: 100)
        let kept = try scratch.makeModel("kept", weightBytes: 1024)
        let resigned = try scratch.makeModel("resigned", weightBytes: 1024)
        let cosigned = try scratch.makeModel("cosigned", weightBytes: 1024)
        for model in [kept, resigned, cosigned] {
            try expectSuccess(try TrustCLI.sign(model, with: old, of: pki), "sign with the old leaf")
            expectAccepted(try TrustCLI.verify(model, policy: policy))
        }

        // 1. A new leaf for the same identity, with a new key.
        let new = try pki.issueLeaf("new", commonName: "ml-signer-1", serial: 101)
        // 2. Re-sign (a fresh bundle) or co-sign (old and new signatures) what stays in service.
        try expectSuccess(try TrustCLI.sign(resigned, with: new, of: pki, ["--force"]), "re-sign with the new leaf")
        try expectSuccess(try TrustCLI.sign(cosigned, with: new, of: pki, ["--append"]), "co-sign with the new leaf")
        for model in [kept, resigned, cosigned] { expectAccepted(try TrustCLI.verify(model, policy: policy)) }
        // 3. Revoke the old leaf and publish the CRL where the policy points; the policy is unchanged.
        try pki.revoke(old)
        #expect(try pki.writeCRL("intermediate.crl") == crl)

        expectRejected(try TrustCLI.verify(kept, policy: policy), check: "revocation", mentioning: ["revoked"])
        expectAccepted(try TrustCLI.verify(resigned, policy: policy))
        // A bundle still presenting the revoked certificate is rejected even though the new
        // signature alone would do: bad credentials are never ignored (Docs/POLICY.md).
        expectRejected(try TrustCLI.verify(cosigned, policy: policy), check: "revocation", mentioning: ["revoked"])
    }

    @Test func rotatingARoot() throws {
        let scratch = try Scratch()
        let oldPKI = try TestPKI(in: scratch, name: "Old")
        let newPKI = try TestPKI(in: scratch, name: "New")
        let oldCRL = try oldPKI.writeCRL("intermediate.crl")
        let newCRL = try newPKI.writeCRL("intermediate.crl")
        let oldLeaf = try oldPKI.issueLeaf("signer", commonName: "ml-signer-1", serial: 100)
        let newLeaf = try newPKI.issueLeaf("signer", commonName: "ml-signer-1", serial: 100)
        let underOld = try scratch.makeModel("under-old", weightBytes: 1024)
        let underNew = try scratch.makeModel("under-new", weightBytes: 1024)
        try expectSuccess(try TrustCLI.sign(underOld, with: oldLeaf, of: oldPKI), "sign under the old root")
        try expectSuccess(try TrustCLI.sign(underNew, with: newLeaf, of: newPKI), "sign under the new root")

        let before = try PolicyFile.certificateSigner(ca: oldPKI.root.certificate, crl: oldCRL, identity: "CN=ml-signer-*",
                                                      to: "before.json", in: scratch)
        let overlap = try PolicyFile.certificateSigner(ca: [oldPKI.root.certificate, newPKI.root.certificate], crl: [oldCRL, newCRL],
                                                       identity: "CN=ml-signer-*", to: "overlap.json", in: scratch)
        // A file may hold several roots (and several CRLs): the same overlap, as one file each.
        try scratch.write("roots.pem", try Data(contentsOf: URL(fileURLWithPath: oldPKI.root.certificate))
            + Data(contentsOf: URL(fileURLWithPath: newPKI.root.certificate)))
        try scratch.write("crls.pem", try Data(contentsOf: URL(fileURLWithPath: oldCRL)) + Data(contentsOf: URL(fileURLWithPath: newCRL)))
        let overlapBundled = try PolicyFile.certificateSigner(ca: "roots.pem", crl: "crls.pem", identity: "CN=ml-signer-*",
                                                              to: "overlap-bundled.json", in: scratch)
        let after = try PolicyFile.certificateSigner(ca: newPKI.root.certificate, crl: newCRL, identity: "CN=ml-signer-*",
                                                     to: "after.json", in: scratch)

        expectAccepted(try TrustCLI.verify(underOld, policy: before))
        expectRejected(try TrustCLI.verify(underNew, policy: before), check: "signature", mentioning: ["chains to no root"])
        for policy in [overlap, overlapBundled] {
            expectAccepted(try TrustCLI.verify(underOld, policy: policy))
            expectAccepted(try TrustCLI.verify(underNew, policy: policy))
        }
        expectRejected(try TrustCLI.verify(underOld, policy: after), check: "signature", mentioning: ["chains to no root"])
        expectAccepted(try TrustCLI.verify(underNew, policy: after))
    }

    @Test func rotatingARootKeepsRevocationOfEitherRoot() throws {
        let scratch = try Scratch()
        let oldPKI = try TestPKI(in: scratch, name: "Old")
        let newPKI = try TestPKI(in: scratch, name: "New")
        let oldLeaf = try oldPKI.issueLeaf("signer", commonName: "ml-signer-1", serial: 100)
        let underOld = try scratch.makeModel("under-old", weightBytes: 1024)
        try expectSuccess(try TrustCLI.sign(underOld, with: oldLeaf, of: oldPKI), "sign under the old root")
        try oldPKI.revoke(oldLeaf)
        let oldCRL = try oldPKI.writeCRL("intermediate.crl")
        let newCRL = try newPKI.writeCRL("intermediate.crl")
        let overlap = try PolicyFile.certificateSigner(ca: [oldPKI.root.certificate, newPKI.root.certificate], crl: [oldCRL, newCRL],
                                                       in: scratch)

        expectRejected(try TrustCLI.verify(underOld, policy: overlap), check: "revocation", mentioning: ["revoked"])
        // Leaving out the old root's CRL during the overlap is not a way around it: the CRL is required.
        let withoutOldCRL = try PolicyFile.certificateSigner(ca: [oldPKI.root.certificate, newPKI.root.certificate], crl: newCRL,
                                                             to: "without-old-crl.json", in: scratch)
        expectRejected(try TrustCLI.verify(underOld, policy: withoutOldCRL), check: "revocation")
    }

    @Test func retiringABareKey() throws {
        let scratch = try Scratch()
        let retiring = try KeyPair.generate(in: scratch, name: "retiring")
        let remaining = try KeyPair.generate(in: scratch, name: "remaining")
        let onlyRetiring = try scratch.makeModel("only-retiring", weightBytes: 1024)
        let cosigned = try scratch.makeModel("cosigned", weightBytes: 1024)
        try expectSuccess(try TrustCLI.sign(onlyRetiring, with: retiring), "sign")
        try expectSuccess(try TrustCLI.sign(cosigned, with: retiring), "sign")
        // 1. Co-sign what stays in service with a signer the policy keeps.
        try expectSuccess(try TrustCLI.sign(cosigned, with: remaining, ["--append"]), "co-sign")

        let before = try PolicyFile.write([
            "environment": "onprem", "clearance": "internal",
            "signers": ["retiring": ["key": retiring.publicKey], "remaining": ["key": remaining.publicKey]],
            "rules": [["models": "*", "signers": ["retiring", "remaining"]]],
        ], to: "before.json", in: scratch)
        expectAccepted(try TrustCLI.verify(onlyRetiring, policy: before))
        expectAccepted(try TrustCLI.verify(cosigned, policy: before))

        // 2. Removing the key from the signers alone leaves a rule naming it: bad input.
        let half = try PolicyFile.write([
            "environment": "onprem", "clearance": "internal",
            "signers": ["remaining": ["key": remaining.publicKey]],
            "rules": [["models": "*", "signers": ["retiring", "remaining"]]],
        ], to: "half.json", in: scratch)
        expectBadInput(try TrustCLI.verify(cosigned, policy: half), mentioning: ["policy.rules[0].signers", "\"retiring\""])

        // Removed from both, artefacts signed only by it are rejected; co-signed ones pass.
        let after = try PolicyFile.write([
            "environment": "onprem", "clearance": "internal",
            "signers": ["remaining": ["key": remaining.publicKey]],
            "rules": [["models": "*", "signers": ["remaining"]]],
        ], to: "after.json", in: scratch)
        expectRejected(try TrustCLI.verify(onlyRetiring, policy: after), check: "signature", mentioning: ["after.json"])
        expectAccepted(try TrustCLI.verify(cosigned, policy: after))
    }
}
