import COpenSSL

/// The kinds of signing key artefact reads and writes, as `keygen --type` names them.
public enum KeyKind: String, CaseIterable, Hashable, Sendable {
    case ed25519
    case ecP256 = "ec-p256"
    case ecP384 = "ec-p384"
    case ecP521 = "ec-p521"

    /// The EC curve of an EC kind, nil for Ed25519.
    public var curve: ECCurve? {
        switch self {
        case .ed25519: nil
        case .ecP256: .p256
        case .ecP384: .p384
        case .ecP521: .p521
        }
    }

    /// The kind of an EC key on `curve`.
    public init(curve: ECCurve) {
        switch curve {
        case .p256: self = .ecP256
        case .p384: self = .ecP384
        case .p521: self = .ecP521
        }
    }

    /// Names an OpenSSL key for a message: "an Ed25519 key", "an EC P-384 key", "an RSA key".
    static func describe(_ key: OpaquePointer) -> String {
        switch EVP_PKEY_get_base_id(key) {
        case EVP_PKEY_ED25519: return "an Ed25519 key"
        case EVP_PKEY_EC: return ECDSA.curve(of: key).map { "an EC \($0.displayName) key" } ?? "an EC key on another curve"
        case EVP_PKEY_RSA, EVP_PKEY_RSA_PSS: return "an RSA key"
        case EVP_PKEY_ED448: return "an Ed448 key"
        default: return "a key of a type artefact does not use"
        }
    }

    /// What to do when `key` reaches a place that takes Ed25519 keys only (artefact's own
    /// bundles, crossing logs, policies).
    static func ed25519OnlyAdvice(_ key: OpaquePointer) -> String {
        if EVP_PKEY_get_base_id(key) == EVP_PKEY_EC {
            return "artefact bundles and crossing logs use Ed25519 keys; EC keys sign OMS bundles (add --format oms)"
        }
        return "artefact uses Ed25519 keys (artefact keygen), and EC P-256/P-384/P-521 keys for OMS bundles"
    }
}
