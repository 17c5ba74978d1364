/// A named signer a policy trusts: a bare public key, or a certificate authority with an
/// optional CRL and identity pattern.
public struct PolicySigner: Sendable {
    public enum Trust: Sendable {
        case key(PublicKey)
        case authority(CertificateAuthority, identity: Glob?)
    }

    public let name: String
    public let trust: Trust

    public init(name: String, trust: Trust) {
        self.name = name
        self.trust = trust
    }

    /// The key id of a bare-key signer.
    public var keyID: String? {
        if case .key(let key) = trust { return key.keyID }
        return nil
    }
}
