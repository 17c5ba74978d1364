import COpenSSL

/// OpenSSL's PEM `PUBLIC KEY` reader, shared by the key types so that each names the key
/// kind it found when it is handed another.
enum PublicKeyPEM {
    /// The parsed key (an `EVP_PKEY` the caller frees). Throws bad input naming `source`
    /// when the bytes hold no PEM SubjectPublicKeyInfo.
    static func parse(_ pem: [UInt8], source: String) throws -> OpaquePointer {
        let bio = MemoryBIO(reading: pem)
        // A nil callback makes OpenSSL prompt on the terminal when handed an encrypted
        // private key by mistake; a public key never needs a passphrase, so refuse instead.
        guard let key = PEM_read_bio_PUBKEY(bio.pointer, nil, { _, _, _, _ in -1 }, nil) else {
            OpenSSLFailure.clear()
            throw ArtefactError.badInput("\(source) is not a PEM public key (SubjectPublicKeyInfo); pass the .pub file keygen wrote")
        }
        return key
    }
}
