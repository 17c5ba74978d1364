import ArtefactCore

/// `artefact keygen`: a new key pair (Ed25519 by default, or ECDSA for OMS bundles), the
/// private half encrypted by default.
enum KeygenCommand: Command {
    static let name = "keygen"
    static let summary = "generate a signing key pair (PREFIX.key, PREFIX.pub)"
    static let help = """
    Usage: artefact keygen --out PREFIX [--type ed25519|ec-p256|ec-p384|ec-p521] [--unencrypted]
                           [--comment TEXT] [--passphrase-file FILE] [--json]

    Writes PREFIX.key, a PKCS#8 PEM private key (mode 0600), and PREFIX.pub, its
    SubjectPublicKeyInfo PEM. The private key is encrypted (scrypt, AES-256-CBC) with a
    passphrase from --passphrase-file, ARTEFACT_PASSPHRASE, or a terminal prompt.

      --out PREFIX            where to write the two files; existing files are not replaced
      --type TYPE             ed25519 (default; artefact bundles), or ec-p256, ec-p384, ec-p521
                              (ECDSA, for OpenSSF Model Signing bundles: sign --format oms)
      --unencrypted           store the private key unencrypted (not recommended)
      --json                  print the paths and key id as JSON
      --comment TEXT          a label written above each PEM block
      --passphrase-file FILE  read the passphrase from the first line of FILE

    """
    static let flags = FlagSpec(valued: ["--out", "--type", "--comment", "--passphrase-file"], boolean: ["--unencrypted", "--json"])

    static func run(_ arguments: ScannedArguments) throws -> Int32 {
        guard arguments.positionals.isEmpty else {
            throw ArtefactError.usage("keygen takes no positional arguments; use --out PREFIX")
        }
        guard let prefix = arguments.value("--out"), !prefix.isEmpty else {
            throw ArtefactError.badInput("keygen needs --out PREFIX, the path prefix for PREFIX.key and PREFIX.pub")
        }
        let kind = try keyKind(arguments.value("--type"))
        let comment = arguments.value("--comment")
        if let comment, comment.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            throw ArtefactError.badInput("--comment must be one line of text")
        }
        let unencrypted = arguments.has("--unencrypted")
        if unencrypted && arguments.value("--passphrase-file") != nil {
            throw ArtefactError.badInput("--unencrypted and --passphrase-file contradict each other; give one")
        }
        let passphrase = unencrypted ? nil
            : try PassphraseSource.obtain(file: arguments.value("--passphrase-file"), confirm: true, purpose: "the new key")
        if !unencrypted && passphrase == nil {
            throw ArtefactError.badInput("keygen needs a passphrase to encrypt the key: set ARTEFACT_PASSPHRASE, pass --passphrase-file FILE, run it in a terminal, or pass --unencrypted")
        }
        let privatePath = prefix + ".key"
        let publicPath = prefix + ".pub"
        for path in [privatePath, publicPath] where FileSystem.exists(path) {
            throw ArtefactError.badInput("\(path) already exists; keygen never replaces a key, so remove it or choose another --out")
        }
        let key = try generate(kind)
        let header = comment.map { Array("artefact key: \($0)\n".utf8) } ?? []
        var privatePEM = header + (try PrivateKeyFile.pem(for: key, passphrase: passphrase))
        defer { wipe(&privatePEM) }
        try AtomicFile.write(privatePEM, to: privatePath, mode: 0o600, exclusive: true)
        do {
            try AtomicFile.write(header + key.publicKey.pem, to: publicPath, mode: 0o644, exclusive: true)
        } catch {
            FileSystem.removeFile(privatePath)
            throw error
        }
        if arguments.has("--json") {
            Console.outJSON(jsonObject([
                ("privateKey", .string(privatePath)), ("publicKey", .string(publicPath)),
                ("keyId", .string(key.publicKey.keyID)), ("type", .string(kind.rawValue)), ("encrypted", .bool(!unencrypted)),
                ("comment", comment.map(JSONValue.string) ?? .null),
            ]), ok: true)
            return ExitStatus.success
        }
        Console.out("""
        wrote \(privatePath) (\(kind.rawValue), \(unencrypted ? "UNENCRYPTED" : "encrypted"), mode 0600) and \(publicPath)
        key id \(key.publicKey.keyID)

        """)
        return ExitStatus.success
    }

    /// The `--type` value, Ed25519 when absent.
    static func keyKind(_ value: String?) throws -> KeyKind {
        guard let value else { return .ed25519 }
        guard let kind = KeyKind(rawValue: value) else {
            throw ArtefactError.badInput("--type \(value) is not a key type; use ed25519, ec-p256, ec-p384 or ec-p521")
        }
        return kind
    }

    private static func generate(_ kind: KeyKind) throws -> AnyPrivateKey {
        guard let curve = kind.curve else { return .ed25519(try SigningKey.generate()) }
        return .ecdsa(try ECPrivateKey.generate(curve))
    }
}
