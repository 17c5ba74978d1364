/// Reads Ed25519 keys other tools wrote (OpenSSH, minisign, signify), secret or public,
/// so `artefact key import` can write them as artefact's PEM keys. Parsing is strict and
/// bounded: every length is checked against what is left, every fixed field compared,
/// and a secret key's stored public half must be the one its seed derives.
public enum KeyImport {
    /// The largest key file read: the largest of these is well under 1 KiB.
    public static let fileLimit = 64 << 10

    /// A key read from another tool's file.
    public struct Imported: Sendable {
        public let kind: ForeignKeyKind
        /// The private key, for a secret key file.
        public let signingKey: SigningKey?
        public let publicKey: PublicKey
    }

    /// The key in `bytes`. `passphrase` is asked only when the key is encrypted.
    public static func read(_ bytes: [UInt8], source: String, passphrase: () throws -> SecretBytes?) throws -> Imported {
        guard bytes.count <= fileLimit else {
            throw ArtefactError.badInput("\(source) is \(bytes.count) bytes, too large for an Ed25519 key file")
        }
        guard let kind = ForeignKeyKind.detect(bytes) else { throw unrecognised(bytes, source: source) }
        let lines = KeyFileLines(bytes)
        switch (kind.tool, kind.isSecret) {
        case (.openssh, true):
            do {
                return secret(kind, try OpenSSHPrivateKeyReader.read(lines, source: source))
            } catch is OpenSSHKeyIsEncrypted {
                return secret(kind, try decryptOpenSSH(bytes, source: source, passphrase: passphrase))
            }
        case (.openssh, false):
            return Imported(kind: kind, signingKey: nil, publicKey: try OpenSSHPublicKeyReader.read(lines, source: source))
        case (.minisign, true):
            return secret(kind, try MinisignSecretKeyReader.read(lines, source: source, passphrase: passphrase))
        case (.signify, true):
            return secret(kind, try SignifySecretKeyReader.read(lines, source: source))
        case (.minisign, false), (.signify, false):
            let key = try CommentedKeyFile.readPublic(lines, source: source, tool: kind.tool)
            return Imported(kind: kind, signingKey: nil, publicKey: key)
        }
    }

    /// An encrypted OpenSSH key, decrypted by ssh-keygen (`OpenSSHKeyDecryption`), then read
    /// as strictly as any other.
    private static func decryptOpenSSH(_ bytes: [UInt8], source: String, passphrase: () throws -> SecretBytes?) throws -> SigningKey {
        guard let passphrase = try passphrase() else {
            throw ArtefactError.badInput("\(source) is an encrypted OpenSSH private key; give its passphrase in "
                + "ARTEFACT_SOURCE_PASSPHRASE or with --source-passphrase-file FILE")
        }
        var decrypted = try OpenSSHKeyDecryption.decrypt(bytes, source: source, passphrase: passphrase)
        defer { wipe(&decrypted) }
        do {
            return try OpenSSHPrivateKeyReader.read(KeyFileLines(decrypted), source: source)
        } catch is OpenSSHKeyIsEncrypted {
            throw ArtefactError.operational("ssh-keygen left \(source) encrypted")
        }
    }

    private static func secret(_ kind: ForeignKeyKind, _ key: SigningKey) -> Imported {
        Imported(kind: kind, signingKey: key, publicKey: key.publicKey)
    }

    /// The signing key with this seed, which must derive `expected`: the check that a
    /// file's secret and public halves belong together.
    static func signingKey(seed: UnsafeRawBufferPointer, expected: PublicKey, description: String) throws -> SigningKey {
        let key = try SigningKey(seed: try SecretBytes(copying: seed))
        guard key.publicKey == expected else {
            throw ArtefactError.badInput("\(description) is damaged: its public key is not the one its private key derives")
        }
        return key
    }

    private static func unrecognised(_ bytes: [UInt8], source: String) -> ArtefactError {
        let text = String(decoding: bytes.prefix(256), as: UTF8.self)
        if text.contains("-----BEGIN PRIVATE KEY-----") || text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")
            || text.contains("-----BEGIN PUBLIC KEY-----") {
            return .badInput("\(source) is already a PEM key; artefact reads it as it is (--key \(source)), no import needed")
        }
        return .badInput("\(source) is not an Ed25519 key file artefact imports (OpenSSH private or .pub, minisign or "
            + "signify secret or public key)")
    }
}
