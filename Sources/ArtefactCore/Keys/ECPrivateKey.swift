import COpenSSL

/// An ECDSA private key on P-256, P-384 or P-521. The private half is held as unencrypted
/// PKCS#8 DER in `SecretBytes` and handed to OpenSSL only for the duration of a call, as
/// `SigningKey` holds its Ed25519 seed.
public struct ECPrivateKey: Sendable {
    public let curve: ECCurve
    public let publicKey: ECPublicKey
    /// The PKCS#8 PrivateKeyInfo DER.
    let pkcs8: SecretBytes

    /// A new random key on `curve`.
    public static func generate(_ curve: ECCurve) throws -> ECPrivateKey {
        let key = try ECDSA.generate(curve)
        defer { EVP_PKEY_free(key) }
        return try ECPrivateKey(evpKey: key, source: "the new key")
    }

    /// Takes the private key out of an OpenSSL key object (which the caller still frees).
    init(evpKey key: OpaquePointer, source: String) throws {
        publicKey = try ECPublicKey(evpKey: key, source: source)
        curve = publicKey.curve
        let bio = MemoryBIO(secure: true)
        guard i2d_PKCS8PrivateKey_bio(bio.pointer, key, nil, nil, 0, nil, nil) == 1 else {
            throw ArtefactError.operational("could not encode the private key: \(OpenSSLFailure.lastReason())")
        }
        pkcs8 = try bio.secretContents()
    }

    /// The DER ECDSA signature of `message`, hashed with the curve's digest.
    public func sign(_ message: [UInt8]) throws -> [UInt8] {
        try withKey { try ECDSA.sign(message, key: $0, curve: curve) }
    }

    /// Runs `body` with an OpenSSL object holding this key, freed (and its secret cleared
    /// by OpenSSL) right after.
    func withKey<Result>(_ body: (OpaquePointer) throws -> Result) throws -> Result {
        let key = pkcs8.withUnsafeBytes { bytes -> OpaquePointer? in
            var cursor: UnsafePointer<UInt8>? = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
            return d2i_AutoPrivateKey(nil, &cursor, bytes.count)
        }
        guard let key else {
            throw ArtefactError.operational("could not load the EC private key: \(OpenSSLFailure.lastReason())")
        }
        defer { EVP_PKEY_free(key) }
        return try body(key)
    }
}
