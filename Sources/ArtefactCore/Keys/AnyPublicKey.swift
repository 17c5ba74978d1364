import COpenSSL

/// A public key of either kind artefact verifies with, as read from a PEM file whose kind
/// is not known in advance.
public enum AnyPublicKey: Hashable, Sendable {
    case ed25519(PublicKey)
    case ecdsa(ECPublicKey)

    /// Reads a PEM `PUBLIC KEY` (SubjectPublicKeyInfo) holding an Ed25519 key or an EC key
    /// on P-256, P-384 or P-521.
    public init(pem: [UInt8], source: String) throws {
        let key = try PublicKeyPEM.parse(pem, source: source)
        defer { EVP_PKEY_free(key) }
        switch EVP_PKEY_get_base_id(key) {
        case EVP_PKEY_ED25519: self = .ed25519(try PublicKey(evpKey: key, source: source))
        case EVP_PKEY_EC: self = .ecdsa(try ECPublicKey(evpKey: key, source: source))
        default:
            throw ArtefactError.badInput("\(source) is \(KeyKind.describe(key)); artefact verifies with Ed25519 keys, "
                + "and with EC P-256, P-384 or P-521 keys for OMS bundles")
        }
    }

    /// Reads a public key file.
    public static func read(path: String) throws -> AnyPublicKey {
        try AnyPublicKey(pem: FileSystem.readFile(path, limit: 1 << 20), source: path)
    }

    /// The kind, as `keygen --type` names it.
    public var kind: KeyKind {
        switch self {
        case .ed25519: .ed25519
        case .ecdsa(let key): KeyKind(curve: key.curve)
        }
    }

    /// The lowercase hex SHA-256 of the DER SubjectPublicKeyInfo.
    public var keyID: String {
        switch self {
        case .ed25519(let key): key.keyID
        case .ecdsa(let key): key.keyID
        }
    }

    /// The DER SubjectPublicKeyInfo.
    public var subjectPublicKeyInfo: [UInt8] {
        switch self {
        case .ed25519(let key): key.subjectPublicKeyInfo
        case .ecdsa(let key): key.subjectPublicKeyInfo
        }
    }

    /// The key as a PEM `PUBLIC KEY` block.
    public var pem: [UInt8] {
        switch self {
        case .ed25519(let key): key.pem
        case .ecdsa(let key): key.pem
        }
    }

    /// Whether `signature` (64 raw bytes for Ed25519, DER for ECDSA) is valid for
    /// `message` under this key.
    public func isValidSignature(_ signature: [UInt8], over message: [UInt8]) -> Bool {
        switch self {
        case .ed25519(let key): Ed25519.isValidSignature(signature, of: message, publicKey: key.rawBytes)
        case .ecdsa(let key): key.isValidSignature(signature, over: message)
        }
    }
}
