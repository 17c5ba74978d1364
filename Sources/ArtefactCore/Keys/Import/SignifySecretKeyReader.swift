/// signify secret keys (OpenBSD `signify -G`), 104 bytes:
///
///     "Ed"  kdf "BK"  rounds (4, big-endian)  salt (16)  checksum (8)  key number (8)
///     secret key: seed‖public key (64)
///
/// The checksum is the first 8 bytes of SHA-512 of the secret key. With rounds 0 (`-n`)
/// the key is stored as it is; otherwise it is XORed with bcrypt_pbkdf output, a KDF in
/// neither OpenSSL nor libsodium, so such a key is refused with a way out.
enum SignifySecretKeyReader {
    static let byteCount = 104
    static let bcrypt = Array("BK".utf8)

    static func read(_ lines: KeyFileLines, source: String) throws -> SigningKey {
        let description = "\(source) (a signify secret key)"
        let line = try CommentedKeyFile.keyLine(lines, description: description)
        guard let blob = try Base64.decodeSecret(line, limit: byteCount), blob.count == byteCount else {
            throw ArtefactError.badInput("\(description) is damaged: the key is not \(byteCount) bytes of valid base64")
        }
        return try blob.withUnsafeBytes { bytes in
            var reader = KeyBlobReader(bytes, description: description)
            try CommentedKeyFile.expectEd25519(&reader)
            guard try reader.take(2, "the key derivation name").elementsEqual(bcrypt) else {
                throw ArtefactError.badInput("\(description) names a key derivation other than bcrypt_pbkdf, which artefact does not read")
            }
            let rounds = try reader.uint32("the number of rounds")
            _ = try reader.take(16, "the salt")
            let checksum = try reader.take(8, "the checksum")
            _ = try reader.take(CommentedKeyFile.keyNumberByteCount, "the key number")
            let secret = try reader.take(2 * Ed25519.seedByteCount, "the secret key")
            try reader.expectEnd("the secret key")
            guard rounds == 0 else {
                throw ArtefactError.badInput("\(source) is an encrypted signify secret key, which artefact cannot decrypt "
                    + "(bcrypt_pbkdf, in neither OpenSSL nor libsodium) and signify cannot remove a passphrase; import a key made "
                    + "with 'signify-openbsd -G -n', or make one with 'artefact keygen'")
            }
            let digest = try SecretDigests.sha512(try SecretBytes(copying: secret))
            guard digest.withUnsafeBytes({ SecretDigests.equal(UnsafeRawBufferPointer(rebasing: $0[..<8]), checksum) }) else {
                throw ArtefactError.badInput("\(description) is damaged: its checksum does not match")
            }
            let publicKey = try PublicKey(rawBytes: Array(UnsafeRawBufferPointer(rebasing: secret[32...])))
            return try KeyImport.signingKey(seed: UnsafeRawBufferPointer(rebasing: secret[..<32]), expected: publicKey,
                                            description: description)
        }
    }
}
