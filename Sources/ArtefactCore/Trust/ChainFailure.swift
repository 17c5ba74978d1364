/// Why a certificate chain failed, sorted into the check it belongs to.
public struct ChainFailure: Error, Sendable {
    public enum Check: Sendable {
        /// The chain does not lead to any root this authority lists.
        case untrustedRoot
        /// A certificate is expired, not yet valid, badly signed, or otherwise invalid.
        case chain
        /// The leaf (or an intermediate) is revoked, or a required CRL is missing, expired
        /// or wrongly signed.
        case revocation
        /// The leaf lacks the code-signing extended key usage.
        case usage
    }

    public let check: Check
    public let reason: String

    /// The verification check this failure fails: a leaf without the code-signing usage
    /// fails the chain check, as a chain no root accepts does.
    public var verificationCheck: CheckName {
        switch check {
        case .untrustedRoot, .chain, .usage: return .chain
        case .revocation: return .revocation
        }
    }
}
