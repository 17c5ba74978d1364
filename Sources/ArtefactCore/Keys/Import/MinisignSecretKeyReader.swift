/// minisign secret keys (`minisign -G`, and `-W` for an unencrypted one), 158 bytes:
///
///     "Ed"  kdf "Sc" (or 0,0 unencrypted)  checksum "B2"  salt (32)  ops (8, LE)  memory (8, LE)
///     key number (8)  secret key: seed‖public key (64)  checksum (32)
///
/// An encrypted key XORs the last 104 bytes with scrypt(passphrase, salt, ops, memory)
/// (libsodium's crypto_pwhash_scryptsalsa208sha256); the checksum is BLAKE2b-256 of
/// "Ed"‖key number‖secret key, and a mismatch after decryption means a wrong passphrase or
/// a damaged file. minisign leaves the checksum of an unencrypted key zero; then the seed
/// deriving the stored public key is the check.
enum MinisignSecretKeyReader {
    static let byteCount = 158
    static let sealedByteCount = 104
    static let scrypt = Array("Sc".utf8)
    static let unencrypted: [UInt8] = [0, 0]
    static let blake2b = Array("B2".utf8)

    static func read(_ lines: KeyFileLines, source: String, passphrase: () throws -> SecretBytes?) throws -> SigningKey {
        let description = "\(source) (a minisign secret key)"
        let line = try CommentedKeyFile.keyLine(lines, description: description)
        guard let blob = try Base64.decodeSecret(line, limit: byteCount), blob.count == byteCount else {
            throw ArtefactError.badInput("\(description) is damaged: the key is not \(byteCount) bytes of valid base64")
        }
        return try blob.withUnsafeMutableBytes { bytes in
            var reader = KeyBlobReader(UnsafeRawBufferPointer(bytes), description: description)
            try CommentedKeyFile.expectEd25519(&reader)
            let kdf = Array(try reader.take(2, "the key derivation name"))
            guard try reader.take(2, "the checksum name").elementsEqual(blake2b) else {
                throw ArtefactError.badInput("\(description) uses a checksum other than BLAKE2b, which artefact does not read")
            }
            let salt = Array(try reader.take(32, "the salt"))
            let ops = try reader.littleEndianUInt64("the scrypt operations limit")
            let memory = try reader.littleEndianUInt64("the scrypt memory limit")
            let sealedStart = reader.offset
            _ = try reader.take(sealedByteCount, "the secret key")
            let sealed = UnsafeMutableRawBufferPointer(rebasing: bytes[sealedStart...])
            switch kdf {
            case scrypt:
                try decrypt(sealed, passphrase: passphrase, salt: salt, ops: ops, memory: memory, description: description)
                guard try checksumMatches(sealed) else {
                    throw ArtefactError.badInput("\(description): wrong passphrase, or the key file is damaged (its checksum does not match)")
                }
            case unencrypted:
                let checksum = UnsafeRawBufferPointer(rebasing: sealed[72...])
                let unset = checksum.allSatisfy { $0 == 0 }
                guard try unset || checksumMatches(sealed) else {
                    throw ArtefactError.badInput("\(description) is damaged: its checksum does not match")
                }
            default:
                throw ArtefactError.badInput("\(description) is encrypted with a key derivation artefact does not read")
            }
            let secret = UnsafeRawBufferPointer(rebasing: sealed[8..<72])
            let publicKey = try PublicKey(rawBytes: Array(UnsafeRawBufferPointer(rebasing: secret[32...])))
            return try KeyImport.signingKey(seed: UnsafeRawBufferPointer(rebasing: secret[..<32]), expected: publicKey,
                                            description: description)
        }
    }

    private static func decrypt(_ sealed: UnsafeMutableRawBufferPointer, passphrase: () throws -> SecretBytes?, salt: [UInt8],
                                ops: UInt64, memory: UInt64, description: String) throws {
        guard PasswordKeyStream.isWithinLimits(ops: ops, memory: memory) else {
            throw ArtefactError.badInput("\(description) asks for scrypt with ops \(ops) and memory \(memory) bytes: above "
                + "artefact's limit (ops \(PasswordKeyStream.opsLimit), memory \(PasswordKeyStream.memoryLimit) bytes)")
        }
        guard let passphrase = try passphrase() else {
            throw ArtefactError.badInput("\(description) is encrypted; give its passphrase in ARTEFACT_SOURCE_PASSPHRASE "
                + "or with --source-passphrase-file FILE")
        }
        let stream = try PasswordKeyStream.derive(count: sealed.count, passphrase: passphrase, salt: salt, ops: ops, memory: memory)
        stream.withUnsafeBytes { key in
            for index in 0..<sealed.count { sealed[index] ^= key[index] }
        }
    }

    /// BLAKE2b-256 of "Ed"‖key number‖secret key against the stored checksum, in constant time.
    private static func checksumMatches(_ plain: UnsafeMutableRawBufferPointer) throws -> Bool {
        let input = try SecretBytes(count: 2 + 72)
        input.withUnsafeMutableBytes { buffer in
            buffer.copyBytes(from: CommentedKeyFile.algorithm)
            UnsafeMutableRawBufferPointer(rebasing: buffer[2...]).copyMemory(from: UnsafeRawBufferPointer(rebasing: plain[..<72]))
        }
        let digest = try SecretDigests.blake2b256(input)
        return digest.withUnsafeBytes { SecretDigests.equal($0, UnsafeRawBufferPointer(rebasing: plain[72..<104])) }
    }
}
