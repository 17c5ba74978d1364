import COpenSSL

/// PKCS#8 PEM private key files (Ed25519, and EC on P-256, P-384 or P-521), read and
/// written through OpenSSL so that `openssl pkey` reads ours and we read keys from
/// `openssl genpkey`.
///
/// Encrypted keys use PBES2 with scrypt and AES-256-CBC; reading accepts PBES2 with scrypt
/// or PBKDF2 within the cost caps in `KeyDerivationCost`.
public enum PrivateKeyFile {
    /// scrypt cost parameters for encrypted keys: N = 2^14, r = 8, p = 1 (16 MiB), the
    /// values `openssl pkcs8 -scrypt` uses; OpenSSL refuses to decrypt above 32 MiB.
    static let scryptCost: UInt64 = 1 << 14
    static let scryptBlockSize: UInt64 = 8
    static let scryptParallelism: UInt64 = 1

    /// Whether a PEM private key file is encrypted.
    public static func isEncrypted(_ pem: [UInt8]) -> Bool {
        pem.starts(with: Array("-----BEGIN ENCRYPTED PRIVATE KEY-----".utf8))
            || String(decoding: pem.prefix(4096), as: UTF8.self).contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")
    }

    /// Reads an Ed25519 private key from PEM. `passphrase` is needed only for an encrypted
    /// key. Another kind of key is bad input saying what it is and what it is for.
    public static func read(pem: [UInt8], passphrase: SecretBytes?, source: String) throws -> SigningKey {
        let key = try parse(pem: pem, passphrase: passphrase, source: source)
        defer { EVP_PKEY_free(key) }
        return try ed25519Key(key, source: source)
    }

    /// Reads an Ed25519 or EC (P-256, P-384, P-521) private key from PEM, whichever the
    /// file holds. `passphrase` is needed only for an encrypted key.
    public static func readAnyKind(pem: [UInt8], passphrase: SecretBytes?, source: String) throws -> AnyPrivateKey {
        let key = try parse(pem: pem, passphrase: passphrase, source: source)
        defer { EVP_PKEY_free(key) }
        switch EVP_PKEY_get_base_id(key) {
        case EVP_PKEY_ED25519: return .ed25519(try ed25519Key(key, source: source))
        case EVP_PKEY_EC: return .ecdsa(try ECPrivateKey(evpKey: key, source: source))
        default:
            throw ArtefactError.badInput("\(source) is \(KeyKind.describe(key)); artefact signs with Ed25519 keys, "
                + "and with EC P-256, P-384 or P-521 keys for OMS bundles (artefact keygen --type)")
        }
    }

    /// The parsed key (an `EVP_PKEY` the caller frees), decrypted when encrypted.
    private static func parse(pem: [UInt8], passphrase: SecretBytes?, source: String) throws -> OpaquePointer {
        // OpenSSL's legacy PEM encryption (`openssl ec -aes256`) derives its key with one
        // round of MD5: refused, as PBES1 is, with the way out.
        if String(decoding: pem.prefix(4096), as: UTF8.self).contains("Proc-Type: 4,ENCRYPTED") {
            throw ArtefactError.badInput("\(source) is encrypted in OpenSSL's legacy PEM format (an MD5 key derivation), which "
                + "artefact does not read; \(KeyDerivationCost.reEncryptAdvice)")
        }
        let encrypted = isEncrypted(pem)
        if encrypted && passphrase == nil {
            throw ArtefactError.badInput("\(source) is encrypted; give its passphrase in ARTEFACT_PASSPHRASE or with --passphrase-file FILE")
        }
        let key = try PEMPrivateKey.parse(pem, passphrase: encrypted ? passphrase : nil, source: source)
        guard let key else {
            if encrypted {
                throw ArtefactError.badInput("\(source): wrong passphrase, or the key file is damaged")
            }
            throw ArtefactError.badInput("\(source) is not a PEM private key; pass the .key file keygen wrote")
        }
        return key
    }

    private static func ed25519Key(_ key: OpaquePointer, source: String) throws -> SigningKey {
        guard EVP_PKEY_get_id(key) == EVP_PKEY_ED25519 else {
            throw ArtefactError.badInput("\(source) is \(KeyKind.describe(key)), not an Ed25519 key; \(KeyKind.ed25519OnlyAdvice(key))")
        }
        let seed = try SecretBytes(count: Ed25519.seedByteCount)
        var length = seed.count
        let status = seed.withUnsafeMutableBytes { bytes in
            EVP_PKEY_get_raw_private_key(key, bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), &length)
        }
        guard status == 1, length == Ed25519.seedByteCount else {
            throw ArtefactError.badInput("\(source): could not read the Ed25519 private key")
        }
        return try SigningKey(seed: seed)
    }

    /// Reads an Ed25519 private key file.
    public static func read(path: String, passphrase: SecretBytes?) throws -> SigningKey {
        var pem = try FileSystem.readFile(path, limit: 1 << 20)
        defer { wipe(&pem) }
        return try read(pem: pem, passphrase: passphrase, source: path)
    }

    /// The key as PKCS#8 PEM: encrypted with `passphrase`, or plain when it is nil.
    /// The caller should `wipe` the returned bytes once written.
    public static func pem(for key: SigningKey, passphrase: SecretBytes?) throws -> [UInt8] {
        let evpKey = key.seed.withUnsafeBytes { seed in
            EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nil, seed.baseAddress!.assumingMemoryBound(to: UInt8.self), seed.count)
        }
        guard let evpKey else { throw ArtefactError.operational("could not build the private key: \(OpenSSLFailure.lastReason())") }
        defer { EVP_PKEY_free(evpKey) }
        return try pem(evpKey: evpKey, passphrase: passphrase)
    }

    /// An EC key as PKCS#8 PEM, encrypted exactly as Ed25519 keys are.
    public static func pem(for key: ECPrivateKey, passphrase: SecretBytes?) throws -> [UInt8] {
        try key.withKey { try pem(evpKey: $0, passphrase: passphrase) }
    }

    /// Either kind of key as PKCS#8 PEM.
    public static func pem(for key: AnyPrivateKey, passphrase: SecretBytes?) throws -> [UInt8] {
        switch key {
        case .ed25519(let key): try pem(for: key, passphrase: passphrase)
        case .ecdsa(let key): try pem(for: key, passphrase: passphrase)
        }
    }

    private static func pem(evpKey: OpaquePointer, passphrase: SecretBytes?) throws -> [UInt8] {
        let bio = MemoryBIO(secure: true)
        if let passphrase {
            try writeEncrypted(evpKey, passphrase: passphrase, to: bio)
        } else {
            guard PEM_write_bio_PrivateKey(bio.pointer, evpKey, nil, nil, 0, nil, nil) == 1 else {
                throw ArtefactError.operational("could not encode the private key: \(OpenSSLFailure.lastReason())")
            }
        }
        return bio.contents
    }

    private static func writeEncrypted(_ key: OpaquePointer, passphrase: SecretBytes, to bio: MemoryBIO) throws {
        guard let info = EVP_PKEY2PKCS8(key) else {
            throw ArtefactError.operational("could not encode the private key: \(OpenSSLFailure.lastReason())")
        }
        defer { PKCS8_PRIV_KEY_INFO_free(info) }
        guard let algorithm = PKCS5_pbe2_set_scrypt(EVP_aes_256_cbc(), nil, 0, nil, scryptCost, scryptBlockSize, scryptParallelism) else {
            throw ArtefactError.operational("could not set up key encryption: \(OpenSSLFailure.lastReason())")
        }
        let sealed = passphrase.withUnsafeBytes { bytes in
            bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(bytes.count, 1)) { characters in
                PKCS8_set0_pbe(characters, Int32(bytes.count), info, algorithm)
            }
        }
        guard let sealed else {
            X509_ALGOR_free(algorithm)
            throw ArtefactError.operational("could not encrypt the private key: \(OpenSSLFailure.lastReason())")
        }
        defer { X509_SIG_free(sealed) }
        guard PEM_write_bio_PKCS8(bio.pointer, sealed) == 1 else {
            throw ArtefactError.operational("could not encode the private key: \(OpenSSLFailure.lastReason())")
        }
    }
}
