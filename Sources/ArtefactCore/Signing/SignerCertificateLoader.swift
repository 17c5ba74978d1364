/// Reads the certificate a signer signs with (`--cert`, `--chain`) and checks that it
/// holds the signing key, so that a bundle never carries a certificate for another key.
public enum SignerCertificateLoader {
    public static func load(certificatePath: String, chainPath: String?, for key: SigningKey) throws -> SignerCertificates {
        let leaves = try Certificate.read(path: certificatePath)
        let leaf = leaves[0]
        guard let certificateKey = leaf.ed25519PublicKey else {
            throw ArtefactError.badInput("\(certificatePath) does not hold an Ed25519 key; artefact signs with Ed25519 only")
        }
        guard certificateKey == key.publicKey else {
            throw ArtefactError.badInput("\(certificatePath) is a certificate for key \(certificateKey.keyID), not for the signing key \(key.publicKey.keyID)")
        }
        // Intermediates may follow the leaf in --cert, or come in --chain.
        let intermediates = Array(leaves.dropFirst()) + (try chainPath.map(Certificate.read) ?? [])
        return SignerCertificates(keyID: key.publicKey.keyID, derChain: ([leaf] + intermediates).map(\.der))
    }
}
