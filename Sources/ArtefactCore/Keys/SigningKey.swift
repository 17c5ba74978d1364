import COpenSSL

/// An Ed25519 private key, held as its 32-byte seed in secret memory.
public struct SigningKey: Sendable {
    public let seed: SecretBytes
    public let publicKey: PublicKey

    public init(seed: SecretBytes) throws {
        self.seed = seed
        self.publicKey = try PublicKey(rawBytes: Ed25519.publicKey(fromSeed: seed))
    }

    /// A new random key.
    public static func generate() throws -> SigningKey {
        try SigningKey(seed: Ed25519.generateSeed())
    }

    public func sign(_ message: [UInt8]) throws -> [UInt8] {
        try Ed25519.sign(message, seed: seed)
    }
}
