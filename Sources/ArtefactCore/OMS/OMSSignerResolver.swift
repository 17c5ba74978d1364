/// Matches an OMS bundle's one signature to the policy signers whose EC keys verify it over
/// the DSSE PAE (DER ECDSA, the digest by curve: `_signing/sign_ec_key.py`). The bundle's
/// public key hint is unsigned; when present it must still name the key that verified, as
/// model_signing requires, so a bundle never points at another key than its signer.
enum OMSSignerResolver {
    static func resolve(_ bundle: OMSBundle, policy: TrustPolicy) -> SignerResolution {
        var resolution = SignerResolution()
        let message = bundle.envelope.signedBytes
        var names: [String] = []
        var keyID = bundle.signature.keyID
        var status = "no trusted EC key verifies it"
        for signer in policy.signers {
            guard case .ecKey(let key) = signer.trust, key.isValidSignature(bundle.signature.signature, over: message) else { continue }
            if let hint = bundle.publicKeyHint, hint != SHA256Hasher.digest(key.pem).hex {
                status = "it verifies with \(signer.name)'s key, but the bundle's publicKey.hint names another key"
                continue
            }
            names.append(signer.name)
            keyID = key.keyID
        }
        if !names.isEmpty {
            status = "verified"
            resolution.verified.append(VerifiedSigner(keyID: keyID, policySigners: names, certificateSubject: nil))
        }
        resolution.notes.append(SignatureNote(index: 0, keyID: keyID, status: status, signers: names, certificateSubject: nil))
        return resolution
    }
}
