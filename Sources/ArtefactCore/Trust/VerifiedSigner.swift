/// A signature that verified, and the policy signers it counts as.
public struct VerifiedSigner: Sendable {
    /// The key id of the key that made the signature: the distinct-signer identity.
    public let keyID: String
    /// The names of the policy signers this signature satisfies.
    public let policySigners: [String]
    /// The certificate subject, when the signer presented a certificate.
    public let certificateSubject: String?
}
