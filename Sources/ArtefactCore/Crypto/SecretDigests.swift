import CSodium

/// Digests over secret bytes, through libsodium, for the checksums other tools keep beside
/// a secret key: BLAKE2b-256 (minisign) and SHA-512 (signify). The digest of a secret is
/// itself kept in secret memory, since a prefix of it is compared, not published.
enum SecretDigests {
    /// BLAKE2b with a 32-byte output, unkeyed (`crypto_generichash`).
    static func blake2b256(_ input: SecretBytes) throws -> SecretBytes {
        try Sodium.ready()
        let digest = try SecretBytes(count: 32)
        let status = input.withUnsafeBytes { bytes in
            digest.withUnsafeMutableBytes { output in
                crypto_generichash(output.baseAddress!.assumingMemoryBound(to: UInt8.self), output.count,
                                   bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(bytes.count), nil, 0)
            }
        }
        guard status == 0 else { throw ArtefactError.operational("BLAKE2b failed") }
        return digest
    }

    /// SHA-512 (`crypto_hash_sha512`).
    static func sha512(_ input: SecretBytes) throws -> SecretBytes {
        try Sodium.ready()
        let digest = try SecretBytes(count: 64)
        let status = input.withUnsafeBytes { bytes in
            digest.withUnsafeMutableBytes { output in
                crypto_hash_sha512(output.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                   bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(bytes.count))
            }
        }
        guard status == 0 else { throw ArtefactError.operational("SHA-512 failed") }
        return digest
    }

    /// Constant-time comparison of two byte ranges of equal length (`sodium_memcmp`).
    static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        if a.count == 0 { return true }
        return sodium_memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
    }
}
