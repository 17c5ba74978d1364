import CSodium

/// scrypt (libsodium's `crypto_pwhash_scryptsalsa208sha256`) as minisign uses it: a key
/// stream derived from a passphrase that is XORed over the secret key. The cost comes from
/// the key file, so it is bounded first: at most libsodium's "sensitive" level (ops 2^25,
/// memory 1 GiB), which is what `minisign -G` 0.11 writes.
enum PasswordKeyStream {
    static var opsLimit: UInt64 { UInt64(crypto_pwhash_scryptsalsa208sha256_opslimit_sensitive()) }
    static var memoryLimit: UInt64 { UInt64(crypto_pwhash_scryptsalsa208sha256_memlimit_sensitive()) }

    /// Whether a file's cost parameters are within artefact's bounds.
    static func isWithinLimits(ops: UInt64, memory: UInt64) -> Bool {
        ops <= opsLimit && memory <= memoryLimit
    }

    /// `count` bytes derived from `passphrase` and `salt`, in secret memory.
    static func derive(count: Int, passphrase: SecretBytes, salt: [UInt8], ops: UInt64, memory: UInt64) throws -> SecretBytes {
        try Sodium.ready()
        guard passphrase.count > 0, isWithinLimits(ops: ops, memory: memory), salt.count == Int(crypto_pwhash_scryptsalsa208sha256_saltbytes()) else {
            throw ArtefactError.badInput("the key derivation parameters are out of bounds")
        }
        let stream = try SecretBytes(count: count)
        let status = passphrase.withUnsafeBytes { password in
            stream.withUnsafeMutableBytes { output in
                crypto_pwhash_scryptsalsa208sha256(
                    output.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(output.count),
                    password.baseAddress!.assumingMemoryBound(to: CChar.self), UInt64(password.count),
                    salt, ops, Int(memory))
            }
        }
        guard status == 0 else {
            throw ArtefactError.operational("scrypt key derivation failed (out of memory?)")
        }
        return stream
    }
}
