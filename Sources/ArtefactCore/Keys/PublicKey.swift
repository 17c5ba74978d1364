import COpenSSL

/// An Ed25519 public key, as a SubjectPublicKeyInfo. Its key id is the lowercase hex
/// SHA-256 of the DER SubjectPublicKeyInfo (see `Docs/FORMAT.md`).
public struct PublicKey: Hashable, Sendable {
    /// The raw 32-byte Ed25519 public key.
    public let rawBytes: [UInt8]
    /// The DER SubjectPublicKeyInfo.
    public let subjectPublicKeyInfo: [UInt8]

    public var keyID: String { SHA256Hasher.digest(subjectPublicKeyInfo).hex }

    /// The key with these raw bytes.
    public init(rawBytes: [UInt8]) throws {
        guard rawBytes.count == Ed25519.publicKeyByteCount,
              let key = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, rawBytes, rawBytes.count)
        else { throw ArtefactError.badInput("an Ed25519 public key is 32 bytes") }
        defer { EVP_PKEY_free(key) }
        try self.init(evpKey: key, source: "raw key")
    }

    /// Reads a PEM `PUBLIC KEY` (SubjectPublicKeyInfo) file's contents.
    public init(pem: [UInt8], source: String) throws {
        let key = try PublicKeyPEM.parse(pem, source: source)
        defer { EVP_PKEY_free(key) }
        try self.init(evpKey: key, source: source)
    }

    /// Reads the public half of an OpenSSL key object (public or private).
    init(evpKey key: OpaquePointer, source: String) throws {
        guard EVP_PKEY_get_id(key) == EVP_PKEY_ED25519 else {
            throw ArtefactError.badInput("\(source) is \(KeyKind.describe(key)), not an Ed25519 key; \(KeyKind.ed25519OnlyAdvice(key))")
        }
        var raw = [UInt8](repeating: 0, count: Ed25519.publicKeyByteCount)
        var length = raw.count
        guard EVP_PKEY_get_raw_public_key(key, &raw, &length) == 1, length == raw.count else {
            throw ArtefactError.badInput("\(source): could not read the Ed25519 public key: \(OpenSSLFailure.lastReason())")
        }
        var derPointer: UnsafeMutablePointer<UInt8>?
        let derLength = i2d_PUBKEY(key, &derPointer)
        guard derLength > 0, let derPointer else {
            throw ArtefactError.operational("could not encode the public key: \(OpenSSLFailure.lastReason())")
        }
        defer { artefact_openssl_free(derPointer) }
        rawBytes = raw
        subjectPublicKeyInfo = Array(UnsafeBufferPointer(start: derPointer, count: Int(derLength)))
    }

    /// The key as a PEM `PUBLIC KEY` block.
    public var pem: [UInt8] {
        let key = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, rawBytes, rawBytes.count)!
        defer { EVP_PKEY_free(key) }
        let bio = MemoryBIO()
        PEM_write_bio_PUBKEY(bio.pointer, key)
        return bio.contents
    }

    /// Reads a public key file.
    public static func read(path: String) throws -> PublicKey {
        try PublicKey(pem: FileSystem.readFile(path, limit: 1 << 20), source: path)
    }
}
