/// The trust anchors of one certificate-based signer: roots, and optionally the CRLs that
/// revocation is checked against (required when present).
public struct CertificateAuthority: Sendable {
    public let roots: [Certificate]
    public let revocationLists: [RevocationList]?

    public init(roots: [Certificate], revocationLists: [RevocationList]?) {
        self.roots = roots
        self.revocationLists = revocationLists
    }
}
