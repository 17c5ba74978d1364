/// A private key of either kind artefact signs with, as read from a PEM file whose kind is
/// not known in advance (`PrivateKeyFile.readAnyKind`).
public enum AnyPrivateKey: Sendable {
    case ed25519(SigningKey)
    case ecdsa(ECPrivateKey)

    /// The kind, as `keygen --type` names it.
    public var kind: KeyKind {
        switch self {
        case .ed25519: .ed25519
        case .ecdsa(let key): KeyKind(curve: key.curve)
        }
    }

    /// The public half.
    public var publicKey: AnyPublicKey {
        switch self {
        case .ed25519(let key): .ed25519(key.publicKey)
        case .ecdsa(let key): .ecdsa(key.publicKey)
        }
    }

    /// The signature of `message`: 64 raw bytes for Ed25519, DER for ECDSA.
    public func sign(_ message: [UInt8]) throws -> [UInt8] {
        switch self {
        case .ed25519(let key): try key.sign(message)
        case .ecdsa(let key): try key.sign(message)
        }
    }
}
