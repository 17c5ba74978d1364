import CSodium

/// Ed25519 signatures over libsodium. The private half is always held as its 32-byte seed
/// in `SecretBytes`; the expanded 64-byte secret key exists only for the duration of a call.
public enum Ed25519 {
    public static let seedByteCount = 32
    public static let publicKeyByteCount = 32
    public static let signatureByteCount = 64

    /// The public key that belongs to `seed`.
    public static func publicKey(fromSeed seed: SecretBytes) throws -> [UInt8] {
        try withExpandedKey(seed) { publicKey, _ in publicKey }
    }

    /// A detached signature of `message` by the key with this seed.
    public static func sign(_ message: [UInt8], seed: SecretBytes) throws -> [UInt8] {
        try withExpandedKey(seed) { _, secretKey in
            var signature = [UInt8](repeating: 0, count: Int(crypto_sign_ed25519_bytes()))
            let status = secretKey.withUnsafeBytes { secret in
                crypto_sign_ed25519_detached(
                    &signature, nil, message, UInt64(message.count),
                    secret.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
            guard status == 0 else { throw ArtefactError.operational("Ed25519 signing failed") }
            return signature
        }
    }

    /// Whether `signature` is a valid Ed25519 signature of `message` by `publicKey`.
    public static func isValidSignature(_ signature: [UInt8], of message: [UInt8], publicKey: [UInt8]) -> Bool {
        guard (try? Sodium.ready()) != nil,
              signature.count == Int(crypto_sign_ed25519_bytes()),
              publicKey.count == Int(crypto_sign_ed25519_publickeybytes())
        else { return false }
        return crypto_sign_ed25519_verify_detached(signature, message, UInt64(message.count), publicKey) == 0
    }

    /// A new random seed in secret memory.
    public static func generateSeed() throws -> SecretBytes {
        let seed = try SecretBytes(count: seedByteCount)
        seed.withUnsafeMutableBytes { randombytes_buf($0.baseAddress!, $0.count) }
        return seed
    }

    private static func withExpandedKey<Result>(
        _ seed: SecretBytes, _ body: ([UInt8], SecretBytes) throws -> Result
    ) throws -> Result {
        try Sodium.ready()
        guard seed.count == Int(crypto_sign_ed25519_seedbytes()) else {
            throw ArtefactError.badInput("an Ed25519 seed is \(crypto_sign_ed25519_seedbytes()) bytes, not \(seed.count)")
        }
        var publicKey = [UInt8](repeating: 0, count: Int(crypto_sign_ed25519_publickeybytes()))
        let secretKey = try SecretBytes(count: Int(crypto_sign_ed25519_secretkeybytes()))
        let status = seed.withUnsafeBytes { seedBytes in
            secretKey.withUnsafeMutableBytes { secret in
                crypto_sign_ed25519_seed_keypair(
                    &publicKey,
                    secret.baseAddress!.assumingMemoryBound(to: UInt8.self),
                    seedBytes.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
        }
        guard status == 0 else { throw ArtefactError.operational("Ed25519 key expansion failed") }
        return try body(publicKey, secretKey)
    }
}
