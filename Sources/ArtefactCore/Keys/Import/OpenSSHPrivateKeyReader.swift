/// OpenSSH private keys ("openssh-key-v1", OpenSSH's PROTOCOL.key), as `ssh-keygen -t
/// ed25519` writes them: PEM-like armour around base64 of
///
///     "openssh-key-v1\0"  string cipher  string kdf  string kdf-options  uint32 count
///     string public-key-blob  string private-section
///
/// and a private section of: uint32 check, uint32 check (equal), string "ssh-ed25519",
/// string public key (32), string seed‖public key (64), string comment, padding 1, 2, 3...
/// to the cipher's block size (8 unencrypted). Every field is checked, and the public key
/// must appear identically in both places and be the one the seed derives.
enum OpenSSHPrivateKeyReader {
    static let magic = Array("openssh-key-v1\0".utf8)
    static let end = "-----END OPENSSH PRIVATE KEY-----"
    static let blockSize = 8

    static func read(_ lines: KeyFileLines, source: String) throws -> SigningKey {
        let description = "\(source) (an OpenSSH private key)"
        var body = try armouredBody(lines, description: description)
        defer { wipe(&body) }
        guard let blob = try Base64.decodeSecret(body[...], limit: KeyImport.fileLimit) else {
            throw ArtefactError.badInput("\(description) is damaged: its body is not valid base64")
        }
        return try blob.withUnsafeBytes { bytes in
            var reader = KeyBlobReader(bytes, description: description)
            guard Array(try reader.take(magic.count, "the format name")) == magic else {
                throw ArtefactError.badInput("\(description) is damaged: it does not start with openssh-key-v1")
            }
            let cipher = try reader.name("the cipher name")
            let kdf = try reader.name("the key derivation name")
            let kdfOptions = try reader.string("the key derivation options")
            guard cipher == "none" && kdf == "none" else {
                try checkEncryption(cipher: cipher, kdf: kdf, options: kdfOptions, description: description)
                throw OpenSSHKeyIsEncrypted()
            }
            guard kdfOptions.isEmpty else {
                throw ArtefactError.badInput("\(description) is damaged: an unencrypted key with key derivation options")
            }
            let count = try reader.uint32("the number of keys")
            guard count == 1 else {
                throw ArtefactError.badInput("\(description) holds \(count) keys; artefact imports a file with exactly one")
            }
            var outer = KeyBlobReader(try reader.string("the public key"), description: description)
            let publicKey = try OpenSSHPublicKeyReader.readBlob(&outer, what: "the public key")
            try outer.expectEnd("the public key")
            var section = KeyBlobReader(try reader.string("the private section"), description: description)
            try reader.expectEnd("the private section")
            return try readPrivateSection(&section, publicKey: publicKey)
        }
    }

    private static func readPrivateSection(_ reader: inout KeyBlobReader, publicKey: PublicKey) throws -> SigningKey {
        let description = reader.description
        guard reader.remaining % blockSize == 0 else {
            throw ArtefactError.badInput("\(description) is damaged: the private section is not a whole number of blocks")
        }
        let check = try reader.uint32("the first check number")
        guard try reader.uint32("the second check number") == check else {
            throw ArtefactError.badInput("\(description) is damaged: its two check numbers differ")
        }
        let inner = try OpenSSHPublicKeyReader.readBlob(&reader, what: "the private section's public key")
        guard inner == publicKey else {
            throw ArtefactError.badInput("\(description) is damaged: the public key in the private section differs from the outer one")
        }
        let secret = try reader.string("the private key")
        guard secret.count == 2 * Ed25519.seedByteCount else {
            throw ArtefactError.badInput("\(description) is damaged: the private key is \(secret.count) bytes, not 64")
        }
        _ = try reader.string("the comment")
        let padding = try reader.take(reader.remaining, "the padding")
        guard padding.count < blockSize, padding.enumerated().allSatisfy({ $0.element == UInt8($0.offset + 1) }) else {
            throw ArtefactError.badInput("\(description) is damaged: its padding is not 1, 2, 3...")
        }
        // OpenSSH keeps seed‖public key; the second half must be the key named outside.
        guard Array(UnsafeRawBufferPointer(rebasing: secret[Ed25519.seedByteCount...])) == publicKey.rawBytes else {
            throw ArtefactError.badInput("\(description) is damaged: its private key ends with a different public key")
        }
        return try KeyImport.signingKey(seed: UnsafeRawBufferPointer(rebasing: secret[..<Ed25519.seedByteCount]),
                                        expected: publicKey, description: description)
    }

    /// The base64 between the BEGIN and END lines, joined; nothing but blank lines outside.
    private static func armouredBody(_ lines: KeyFileLines, description: String) throws -> [UInt8] {
        let begin = Array(ForeignKeyKind.opensshPrivateBegin.utf8)
        guard let first = lines.first(after: 0), first.line.elementsEqual(begin) else {
            throw ArtefactError.badInput("\(description) is damaged: it must start with \(ForeignKeyKind.opensshPrivateBegin)")
        }
        var body: [UInt8] = []
        var index = first.index + 1
        while index < lines.lines.count, !lines.lines[index].elementsEqual(end.utf8) {
            body.append(contentsOf: lines.lines[index])
            index += 1
        }
        guard index < lines.lines.count, lines.onlyBlank(from: index + 1) else {
            wipe(&body)
            throw ArtefactError.badInput("\(description) is truncated or damaged: no \(end) line at its end")
        }
        return body
    }

    /// Checks what an encrypted key asks of ssh-keygen before it runs: bcrypt_pbkdf with a
    /// bounded number of rounds (the cost comes from the file), and a cipher OpenSSH names.
    private static func checkEncryption(cipher: String, kdf: String, options: UnsafeRawBufferPointer, description: String) throws {
        guard kdf == "bcrypt", ["aes256-ctr", "aes128-ctr", "aes192-ctr", "aes256-cbc", "aes128-cbc", "aes192-cbc",
                                "aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "chacha20-poly1305@openssh.com"].contains(cipher)
        else {
            throw ArtefactError.badInput("\(description) is encrypted with \(cipher.prefix(40).debugDescription) and "
                + "\(kdf.prefix(40).debugDescription), which artefact does not read")
        }
        var reader = KeyBlobReader(options, description: description)
        let salt = try reader.string("the bcrypt salt")
        let rounds = try reader.uint32("the bcrypt rounds")
        try reader.expectEnd("the key derivation options")
        guard salt.count <= 64, rounds >= 1, rounds <= maximumRounds else {
            throw ArtefactError.badInput("\(description) asks for \(rounds) bcrypt_pbkdf rounds with a \(salt.count)-byte salt: "
                + "artefact's limit is \(maximumRounds) rounds (ssh-keygen writes 16, or -a N); re-encrypt it with 'ssh-keygen -p -a 100'")
        }
    }

    /// bcrypt_pbkdf rounds above this are refused: ssh-keygen's default is 16 and advice
    /// goes up to a few hundred; 1000 rounds take ssh-keygen about ten seconds.
    static let maximumRounds: UInt32 = 1000
}

/// Thrown by the reader for a well-formed encrypted key, which `KeyImport` hands to
/// ssh-keygen to decrypt.
struct OpenSSHKeyIsEncrypted: Error {}
