import Foundation
import Testing

/// Signers who present certificates: the chain must lead to a root the policy lists, be
/// valid at the verification time, and end in a code-signing leaf holding the signing key.
@Suite struct CertificateChainTests {
    @Test func goodChainIsAccepted() throws {
        let signed = try CertificateSignedModel.make()
        let (scratch, pki, crl, model) = (signed.scratch, signed.pki, signed.crl, signed.model)
        let policy = try PolicyFile.certificateSigner(ca: pki.root.certificate, crl: crl, identity: "CN=ml-signer-*", in: scratch)

        let result = try TrustCLI.verify(model, policy: policy)
        expectAccepted(result)
        #expect(result.stdout.hasPrefix("verified model (internal)"), "stdout: \(result.stdout)")
    }

    @Test func expiredLeafIsRejectedAtChain() throws {
        let scratch = try Scratch()
        let pki = try TestPKI(in: scratch)
        let leaf = try pki.issueLeaf("signer", commonName: "ml-signer-1", days: 1, serial: 100)
        let model = try scratch.makeModel(weightBytes: 1024)
        try expectSuccess(try TrustCLI.sign(model, with: leaf, of: pki), "sign")
        let policy = try PolicyFile.certificateSigner(ca: pki.root.certificate, in: scratch)

        expectAccepted(try TrustCLI.verify(model, policy: policy))
        let later = try TrustCLI.verify(model, policy: policy, ["--at", timeFromNow(seconds: 2 * 86_400)])
        expectRejected(later, check: "chain", mentioning: ["expired", "CN=ml-signer-1,O=Example"])
    }

    @Test func leafNotYetValidIsRejectedAtChain() throws {
        let scratch = try Scratch()
        let pki = try TestPKI(in: scratch)
        let leaf = try pki.issueLeaf("signer", commonName: "ml-signer-1", serial: 100)
        let model = try scratch.makeModel(weightBytes: 1024)
        try expectSuccess(try TrustCLI.sign(model, with: leaf, of: pki), "sign")
        let policy = try PolicyFile.certificateSigner(ca: pki.root.certificate, in: scratch)

        // A day before issuance, nothing in the chain is valid yet; the chain check says so
        // before the signature's own future date is looked at.
        let earlier = try TrustCLI.verify(model, policy: policy, ["--at", timeFromNow(seconds: -86_400)])
        expectRejected(earlier, check: "chain", mentioning: ["not yet valid"])
    }

    @Test func leafWhoseValidityStartsLaterIsRejectedAtChain() throws {
        let scratch = try Scratch()
        let pki = try TestPKI(in: scratch)
        let leaf = try pki.issueFutureLeaf("signer", commonName: "ml-signer-1", startsInDays: 2, serial: 100)
        let crl = try pki.writeCRL("intermediate.crl")
        let model = try scratch.makeModel(weightBytes: 1024)
        try expectSuccess(try TrustCLI.sign(model, with: leaf, of: pki), "sign")
        let policy = try PolicyFile.certificateSigner(ca: pki.root.certificate, crl: crl, in: scratch)

        // The root, the intermediate and the CRL are current; only the leaf is not valid yet.
        expectRejected(try TrustCLI.verify(model, policy: policy), check: "chain",
                       mentioning: ["not yet valid", "CN=ml-signer-1,O=Example", "depth 0"])
        expectAccepted(try TrustCLI.verify(model, policy: policy, ["--at", timeFromNow(seconds: 3 * 86_400)]))
    }

    @Test func leafWithoutCodeSigningUsageIsRejectedAtChain() throws {
        let scratch = try Scratch()
        let pki = try TestPKI(in: scratch)
        let leaf = try pki.issueLeaf("tls", commonName: "ml-signer-1", codeSigning: false, serial: 100)
        let model = try scratch.makeModel(weightBytes: 1024)
        try expectSuccess(try TrustCLI.sign(model, with: leaf, of: pki), "sign")
        let policy = try PolicyFile.certificateSigner(ca: pki.root.certificate, in: scratch)

        expectRejected(try TrustCLI.verify(model, policy: policy), check: "chain", mentioning: ["code-signing", "CN=ml-signer-1"])
    }

    @Test func leafFromAnUnlistedRootIsNotCounted() throws {
        let scratch = try Scratch()
        let trusted = try TestPKI(in: scratch, name: "Corp")
        let other = try TestPKI(in: scratch, name: "Other")
        let leaf = try other.issueLeaf("signer", commonName: "ml-signer-1", serial: 100)
        let model = try scratch.makeModel(weightBytes: 1024)
        try expectSuccess(try TrustCLI.sign(model, with: leaf, of: other), "sign")
        let policy = try PolicyFile.certificateSigner(ca: trusted.root.certificate, in: scratch)

        // A chain to another root may belong to another environment's signer: it is not a
        // bad credential, it simply does not count, so no signature is by a trusted signer.
        expectRejected(try TrustCLI.verify(model, policy: policy), check: "signature", mentioning: ["chains to no root"])
    }

    @Test func sameArtefactIsAcceptedUnderTheRootsPolicyAndRejectedUnderAnother() throws {
        let scratch = try Scratch()
        let corp = try TestPKI(in: scratch, name: "Corp")
        let partner = try TestPKI(in: scratch, name: "Partner")
        let leaf = try corp.issueLeaf("signer", commonName: "ml-signer-1", serial: 100)
        let model = try scratch.makeModel(weightBytes: 1024)
        try expectSuccess(try TrustCLI.sign(model, with: leaf, of: corp), "sign")
        let policyA = try PolicyFile.certificateSigner(ca: corp.root.certificate, to: "a.json", in: scratch)
        let policyB = try PolicyFile.certificateSigner(ca: partner.root.certificate, to: "b.json", in: scratch)

        expectAccepted(try TrustCLI.verify(model, policy: policyA))
        expectRejected(try TrustCLI.verify(model, policy: policyB), check: "signature", mentioning: ["b.json"])
    }

    @Test func bundleWithAnotherLeafSwappedInIsRejectedAtChain() throws {
        let scratch = try Scratch()
        let pki = try TestPKI(in: scratch)
        let signer = try pki.issueLeaf("signer", commonName: "ml-signer-1", serial: 100)
        let other = try pki.issueLeaf("other", commonName: "ml-signer-2", serial: 101)
        let model = try scratch.makeModel(weightBytes: 1024)
        try expectSuccess(try TrustCLI.sign(model, with: signer, of: pki), "sign")
        let policy = try PolicyFile.certificateSigner(ca: pki.root.certificate, in: scratch)
        expectAccepted(try TrustCLI.verify(model, policy: policy))

        // The other leaf is valid under the same CA, but does not hold the key that signed.
        var bundle = try EditableBundle(path: "\(model)/model.sig")
        var signers = try #require(bundle.document["artefactSigners"] as? [[String: Any]])
        var chain = try #require(signers[0]["certificateChain"] as? [String])
        #expect(chain.count == 2)
        chain[0] = try TestPKI.derBase64(of: other)
        signers[0]["certificateChain"] = chain
        bundle.document["artefactSigners"] = signers
        // The verification material names the first signer's leaf, so it is swapped too.
        bundle.document["verificationMaterial"] = ["certificate": ["rawBytes": chain[0]]]
        try bundle.write()

        expectRejected(try TrustCLI.verify(model, policy: policy), check: "chain",
                       mentioning: ["CN=ml-signer-2,O=Example", "does not hold the key"])
    }

    @Test func bundleWithAForeignIntermediateSwappedInIsNotCounted() throws {
        let scratch = try Scratch()
        let pki = try TestPKI(in: scratch, name: "Corp")
        let other = try TestPKI(in: scratch, name: "Other")
        let signer = try pki.issueLeaf("signer", commonName: "ml-signer-1", serial: 100)
        let model = try scratch.makeModel(weightBytes: 1024)
        try expectSuccess(try TrustCLI.sign(model, with: signer, of: pki), "sign")
        let policy = try PolicyFile.certificateSigner(ca: pki.root.certificate, in: scratch)

        // Without its own intermediate the leaf leads to no listed root.
        var bundle = try EditableBundle(path: "\(model)/model.sig")
        var signers = try #require(bundle.document["artefactSigners"] as? [[String: Any]])
        var chain = try #require(signers[0]["certificateChain"] as? [String])
        chain[1] = try TestPKI.derBase64(of: other.intermediate)
        signers[0]["certificateChain"] = chain
        bundle.document["artefactSigners"] = signers
        try bundle.write()

        expectRejected(try TrustCLI.verify(model, policy: policy), check: "signature", mentioning: ["chains to no root"])
    }
}
