/// A named signer a policy trusts: a bare public key (Ed25519 for artefact bundles, EC for
/// OMS bundles), or a certificate authority with an optional CRL and identity pattern.
public struct PolicySigner: Sendable {
    public enum Trust: Sendable {
        case key(PublicKey)
        /// An EC P-256/P-384/P-521 key: it verifies OpenSSF Model Signing bundles only.
        case ecKey(ECPublicKey)
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
        switch trust {
        case .key(let key): return key.keyID
        case .ecKey(let key): return key.keyID
        case .authority: return nil
        }
    }
}
