/// Matches each signature in an envelope to the policy signers it satisfies: bare keys by
/// Ed25519 verification, certificate signers by chain, usage, revocation and identity.
enum SignerResolver {
    static func resolve(_ bundle: SignatureBundle, policy: TrustPolicy, at time: Timestamp) -> SignerResolution {
        var resolution = SignerResolution()
        let message = bundle.envelope.signedBytes
        for (index, signature) in bundle.envelope.signatures.enumerated() {
            var names: [String] = []
            var subject: String?
            var status = policy.signers.allSatisfy({ if case .ecKey = $0.trust { true } else { false } })
                ? "no trusted signer: EC keys verify OpenSSF Model Signing bundles only, and this is an artefact bundle (Ed25519)"
                : "no trusted signer"
            // Bare keys: the signature verifies with the key itself.
            for signer in policy.signers {
                if case .key(let key) = signer.trust,
                   Ed25519.isValidSignature(signature.signature, of: message, publicKey: key.rawBytes) {
                    names.append(signer.name)
                }
            }
            // Certificates: the leaf's key made the signature and its chain satisfies an authority.
            if let presented = bundle.certificates(forKeyID: signature.keyID) {
                resolution.presentedCertificates = true
                switch certificateSigners(presented, signature: signature, message: message, policy: policy, at: time,
                                          resolution: &resolution) {
                case .success(let accepted):
                    names += accepted.names
                    subject = accepted.subject
                case .failure(let failure):
                    status = failure.reason
                }
            }
            let keyID = signature.keyID
            if !names.isEmpty {
                status = "verified"
                if let existing = resolution.verified.firstIndex(where: { $0.keyID == keyID }) {
                    let merged = Array(Set(resolution.verified[existing].policySigners + names)).sorted()
                    resolution.verified[existing] = VerifiedSigner(keyID: keyID, policySigners: merged,
                                                                   certificateSubject: resolution.verified[existing].certificateSubject ?? subject)
                } else {
                    resolution.verified.append(VerifiedSigner(keyID: keyID, policySigners: names, certificateSubject: subject))
                }
            }
            resolution.notes.append(SignatureNote(index: index, keyID: keyID, status: status, signers: names, certificateSubject: subject))
        }
        return resolution
    }

    private struct Accepted { let names: [String]; let subject: String }
    private struct Unaccepted: Error { let reason: String }

    private static func certificateSigners(
        _ presented: SignerCertificates, signature: DSSESignature, message: [UInt8], policy: TrustPolicy, at time: Timestamp,
        resolution: inout SignerResolution
    ) -> Result<Accepted, Unaccepted> {
        let chain: [Certificate]
        do {
            chain = try presented.derChain.enumerated().map { try Certificate(der: $1, source: "certificate \($0)") }
        } catch {
            resolution.certificateFailures.append((.chain, "a presented certificate is not valid DER"))
            return .failure(Unaccepted(reason: "malformed certificate"))
        }
        let leaf = chain[0]
        guard let leafKey = leaf.ed25519PublicKey, leafKey.keyID == signature.keyID else {
            resolution.certificateFailures.append((.chain, "certificate \"\(leaf.subject)\" does not hold the key that made signature \(signature.keyID)"))
            return .failure(Unaccepted(reason: "certificate key mismatch"))
        }
        guard Ed25519.isValidSignature(signature.signature, of: message, publicKey: leafKey.rawBytes) else {
            return .failure(Unaccepted(reason: "the signature does not verify with its certificate's key"))
        }
        var accepted: [String] = []
        var failures: [(check: CheckName, reason: String)] = []
        var passes: [(check: CheckName, reason: String)] = []
        for signer in policy.signers {
            guard case let .authority(authority, identity) = signer.trust else { continue }
            if authority.revocationLists != nil { resolution.checkedRevocation = true }
            // Each pass is recorded as it is established, in the words of this certificate
            // and this signer, so the report never passes a check in general terms.
            let chainsHere: (check: CheckName, reason: String) = (.chain, "certificate \"\(leaf.subject)\" chains to a root of signer \(signer.name)")
            if let failure = CertificateChainVerifier.verify(leaf: leaf, intermediates: Array(chain.dropFirst()),
                                                             authority: authority, at: time) {
                if failure.check == .revocation { passes.append(chainsHere) }
                if failure.check != .untrustedRoot { failures.append((failure.verificationCheck, failure.reason)) }
                continue
            }
            passes.append(chainsHere)
            if authority.revocationLists != nil {
                passes.append((.revocation, "certificate \"\(leaf.subject)\" is not revoked by signer \(signer.name)'s CRLs"))
            }
            if let identity {
                resolution.checkedIdentity = true
                guard ([leaf.subject] + leaf.alternativeNames).contains(where: identity.matches) else {
                    failures.append((.identity, "certificate \"\(leaf.subject)\" does not match signer \(signer.name)'s identity \"\(identity)\""))
                    continue
                }
                passes.append((.identity, "certificate \"\(leaf.subject)\" matches signer \(signer.name)'s identity \"\(identity)\""))
            }
            accepted.append(signer.name)
        }
        resolution.certificatePasses += passes
        if accepted.isEmpty {
            resolution.certificateFailures += failures
            return .failure(Unaccepted(reason: failures.first?.reason ?? "the certificate chains to no root this policy lists"))
        }
        return .success(Accepted(names: accepted, subject: leaf.subject))
    }
}
