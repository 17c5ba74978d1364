import COpenSSL

/// The elliptic curves artefact signs and verifies ECDSA with: the NIST curves OpenSSF
/// Model Signing accepts (its `sign_ec_key.py` takes secp256r1, secp384r1 and secp521r1),
/// each with the digest model_signing pairs with it (by key size: SHA-256, SHA-384,
/// SHA-512).
public enum ECCurve: String, CaseIterable, Hashable, Sendable {
    case p256
    case p384
    case p521

    /// The name a user sees and types: `P-256`, `P-384`, `P-521` (also OpenSSL's
    /// `EVP_PKEY_CTX_set_group_name` alias).
    public var displayName: String {
        switch self {
        case .p256: "P-256"
        case .p384: "P-384"
        case .p521: "P-521"
        }
    }

    /// The name OpenSSL reports for the group (`EVP_PKEY_get_group_name`).
    var openSSLGroupName: String {
        switch self {
        case .p256: "prime256v1"
        case .p384: "secp384r1"
        case .p521: "secp521r1"
        }
    }

    /// The digest signatures on this curve hash the message with.
    public var digestName: String {
        switch self {
        case .p256: "SHA-256"
        case .p384: "SHA-384"
        case .p521: "SHA-512"
        }
    }

    /// The curve OpenSSL names `groupName` (any of its aliases), or nil for one artefact
    /// does not use (secp256k1, Brainpool, ...).
    static func named(_ groupName: String) -> ECCurve? {
        switch groupName {
        case "prime256v1", "P-256", "secp256r1": .p256
        case "secp384r1", "P-384": .p384
        case "secp521r1", "P-521": .p521
        default: nil
        }
    }

    /// OpenSSL's message digest for this curve's signatures (a static object, never freed).
    var messageDigest: OpaquePointer {
        switch self {
        case .p256: EVP_sha256()
        case .p384: EVP_sha384()
        case .p521: EVP_sha512()
        }
    }
}
