import COpenSSL

/// OpenSSL's PEM private key reader, with the passphrase handed over through the
/// callback's user data and never a terminal prompt: a key that needs a passphrase we do
/// not have simply fails to load. With a passphrase, the key-derivation cost the file asks
/// for is bounded first (`KeyDerivationCost`), since that cost comes from the file.
enum PEMPrivateKey {
    /// The parsed key (an `EVP_PKEY` the caller frees), or nil when it does not parse.
    /// Throws bad input, naming `source`, when the file asks for too costly a key derivation.
    static func parse(_ pem: [UInt8], passphrase: SecretBytes?, source: String) throws -> OpaquePointer? {
        // Without a passphrase the callback below refuses before any derivation runs.
        if passphrase != nil { try KeyDerivationCost.check(pem, source: source) }
        let bio = MemoryBIO(reading: pem)
        var request = passphrase
        let key = withUnsafeMutablePointer(to: &request) { pointer in
            PEM_read_bio_PrivateKey(bio.pointer, nil, { buffer, size, _, userData in
                guard let buffer, let userData,
                      let passphrase = userData.assumingMemoryBound(to: SecretBytes?.self).pointee,
                      passphrase.count <= Int(size)
                else { return -1 }
                passphrase.withUnsafeBytes { bytes in
                    if bytes.count > 0 { UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count) }
                }
                return Int32(passphrase.count)
            }, pointer)
        }
        if key == nil { OpenSSLFailure.clear() }
        return key
    }
}
