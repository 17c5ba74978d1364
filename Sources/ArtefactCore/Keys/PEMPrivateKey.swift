import COpenSSL

/// OpenSSL's PEM private key reader, with the passphrase handed over through the
/// callback's user data and never a terminal prompt: a key that needs a passphrase we do
/// not have simply fails to load.
enum PEMPrivateKey {
    /// The parsed key (an `EVP_PKEY` the caller frees), or nil when it does not parse.
    static func parse(_ pem: [UInt8], passphrase: SecretBytes?) -> OpaquePointer? {
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
