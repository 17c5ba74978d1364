/// Writes artefact's key files, the one writer `keygen` and `key import` share:
/// PREFIX.key (PKCS#8 PEM, encrypted unless the passphrase is nil, mode 0600) and
/// PREFIX.pub (SubjectPublicKeyInfo PEM, 0644), each through a temporary file and a
/// rename that never replaces an existing file.
public enum KeyPairFiles {
    public static func privatePath(_ prefix: String) -> String { prefix + ".key" }
    public static func publicPath(_ prefix: String) -> String { prefix + ".pub" }

    /// Fails, naming the first, when any of `paths` exists: keys are never replaced.
    public static func refuseExisting(_ paths: [String], verb: String) throws {
        for path in paths where FileSystem.exists(path) {
            throw ArtefactError.badInput("\(path) already exists; \(verb) never replaces a key, so remove it or choose another --out")
        }
    }

    /// Writes both halves of an Ed25519 `key`, encrypted with `passphrase` unless it is nil.
    /// - Parameter comment: a label written above each PEM block.
    public static func write(_ key: SigningKey, prefix: String, passphrase: SecretBytes?, comment: String?) throws {
        var privatePEM = try PrivateKeyFile.pem(for: key, passphrase: passphrase)
        defer { wipe(&privatePEM) }
        try write(privatePEM: privatePEM, publicPEM: key.publicKey.pem, prefix: prefix, comment: comment)
    }

    /// Writes both halves as given (any key type's PEM, already encrypted or not); removes
    /// the private file again when the public one fails. The caller wipes `privatePEM`.
    public static func write(privatePEM: [UInt8], publicPEM: [UInt8], prefix: String, comment: String?) throws {
        var contents = header(comment) + privatePEM
        defer { wipe(&contents) }
        try AtomicFile.write(contents, to: privatePath(prefix), mode: 0o600, exclusive: true)
        do {
            try AtomicFile.write(header(comment) + publicPEM, to: publicPath(prefix), mode: 0o644, exclusive: true)
        } catch {
            FileSystem.removeFile(privatePath(prefix))
            throw error
        }
    }

    /// Writes PREFIX.pub alone.
    public static func writePublic(_ key: PublicKey, prefix: String, comment: String?) throws {
        try AtomicFile.write(header(comment) + key.pem, to: publicPath(prefix), mode: 0o644, exclusive: true)
    }

    private static func header(_ comment: String?) -> [UInt8] {
        comment.map { Array("artefact key: \($0)\n".utf8) } ?? []
    }
}
