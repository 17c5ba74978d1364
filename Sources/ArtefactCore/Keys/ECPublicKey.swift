import COpenSSL

/// An ECDSA public key on P-256, P-384 or P-521, as a SubjectPublicKeyInfo with a named
/// curve and an uncompressed point. Its key id is the lowercase hex SHA-256 of the DER
/// SubjectPublicKeyInfo, as for Ed25519 keys (`PublicKey`).
public struct ECPublicKey: Hashable, Sendable {
    /// The curve the key is on, which also fixes the signature digest.
    public let curve: ECCurve
    /// The DER SubjectPublicKeyInfo.
    public let subjectPublicKeyInfo: [UInt8]

    public var keyID: String { SHA256Hasher.digest(subjectPublicKeyInfo).hex }

    /// Reads a PEM `PUBLIC KEY` (SubjectPublicKeyInfo) holding an EC key.
    public init(pem: [UInt8], source: String) throws {
        let key = try PublicKeyPEM.parse(pem, source: source)
        defer { EVP_PKEY_free(key) }
        try self.init(evpKey: key, source: source)
    }

    /// Reads a DER SubjectPublicKeyInfo holding an EC key.
    public init(subjectPublicKeyInfo der: [UInt8], source: String) throws {
        let key = der.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var cursor = buffer.baseAddress
            return d2i_PUBKEY(nil, &cursor, buffer.count)
        }
        guard let key else {
            OpenSSLFailure.clear()
            throw ArtefactError.badInput("\(source) is not a DER SubjectPublicKeyInfo")
        }
        defer { EVP_PKEY_free(key) }
        try self.init(evpKey: key, source: source)
    }

    /// Reads the public half of an OpenSSL key object (public or private).
    init(evpKey key: OpaquePointer, source: String) throws {
        guard EVP_PKEY_get_base_id(key) == EVP_PKEY_EC else {
            throw ArtefactError.badInput("\(source) is \(KeyKind.describe(key)), not an EC key")
        }
        guard let curve = ECDSA.curve(of: key) else {
            throw ArtefactError.badInput("\(source) is an EC key on a curve artefact does not use; use P-256, P-384 or P-521 (artefact keygen --type ec-p256)")
        }
        try ECDSA.useUncompressedPoint(key)
        var derPointer: UnsafeMutablePointer<UInt8>?
        let derLength = i2d_PUBKEY(key, &derPointer)
        guard derLength > 0, let derPointer else {
            throw ArtefactError.operational("could not encode the public key: \(OpenSSLFailure.lastReason())")
        }
        defer { artefact_openssl_free(derPointer) }
        self.curve = curve
        self.subjectPublicKeyInfo = Array(UnsafeBufferPointer(start: derPointer, count: Int(derLength)))
    }

    /// The key as a PEM `PUBLIC KEY` block, byte for byte what OpenSSL and python's
    /// `cryptography` write (64-character lines, a final newline).
    public var pem: [UInt8] {
        withKey { key in
            let bio = MemoryBIO()
            PEM_write_bio_PUBKEY(bio.pointer, key)
            return bio.contents
        } ?? []
    }

    /// Whether `signature` is a valid DER ECDSA signature of `message`, hashed with the
    /// curve's digest. A malformed signature is false.
    public func isValidSignature(_ signature: [UInt8], over message: [UInt8]) -> Bool {
        withKey { ECDSA.isValidSignature(signature, of: message, key: $0, curve: curve) } ?? false
    }

    /// Reads a public key file.
    public static func read(path: String) throws -> ECPublicKey {
        try ECPublicKey(pem: FileSystem.readFile(path, limit: 1 << 20), source: path)
    }

    /// Runs `body` with an OpenSSL object for this key (nil only if the DER we built no
    /// longer parses, which cannot happen for a key made by the initialisers).
    private func withKey<Result>(_ body: (OpaquePointer) -> Result) -> Result? {
        let key = subjectPublicKeyInfo.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var cursor = buffer.baseAddress
            return d2i_PUBKEY(nil, &cursor, buffer.count)
        }
        guard let key else {
            OpenSSLFailure.clear()
            return nil
        }
        defer { EVP_PKEY_free(key) }
        return body(key)
    }
}
