import ArtefactCore

/// `artefact keygen`: a new Ed25519 key pair, the private half encrypted by default.
enum KeygenCommand: Command {
    static let name = "keygen"
    static let summary = "generate an Ed25519 signing key pair (PREFIX.key, PREFIX.pub)"
    static let help = """
    Usage: artefact keygen --out PREFIX [--unencrypted] [--comment TEXT] [--passphrase-file FILE] [--json]

    Writes PREFIX.key, a PKCS#8 PEM Ed25519 private key (mode 0600), and PREFIX.pub, its
    SubjectPublicKeyInfo PEM. The private key is encrypted (scrypt, AES-256-CBC) with a
    passphrase from --passphrase-file, ARTEFACT_PASSPHRASE, or a terminal prompt.

      --out PREFIX            where to write the two files; existing files are not replaced
      --unencrypted           store the private key unencrypted (not recommended)
      --json                  print the paths and key id as JSON
      --comment TEXT          a label written above each PEM block
      --passphrase-file FILE  read the passphrase from the first line of FILE

    """
    static let flags = FlagSpec(valued: ["--out", "--comment", "--passphrase-file"], boolean: ["--unencrypted", "--json"])

    static func run(_ arguments: ScannedArguments) throws -> Int32 {
        guard arguments.positionals.isEmpty else {
            throw ArtefactError.usage("keygen takes no positional arguments; use --out PREFIX")
        }
        guard let prefix = arguments.value("--out"), !prefix.isEmpty else {
            throw ArtefactError.badInput("keygen needs --out PREFIX, the path prefix for PREFIX.key and PREFIX.pub")
        }
        let comment = try NewKeyOptions.comment(arguments)
        let unencrypted = arguments.has("--unencrypted")
        let passphrase = try NewKeyOptions.passphrase(arguments, verb: "keygen", purpose: "the new key")
        let privatePath = KeyPairFiles.privatePath(prefix)
        let publicPath = KeyPairFiles.publicPath(prefix)
        try KeyPairFiles.refuseExisting([privatePath, publicPath], verb: "keygen")
        let key = try SigningKey.generate()
        try KeyPairFiles.write(key, prefix: prefix, passphrase: passphrase, comment: comment)
        if arguments.has("--json") {
            Console.outJSON(jsonObject([
                ("privateKey", .string(privatePath)), ("publicKey", .string(publicPath)),
                ("keyId", .string(key.publicKey.keyID)), ("encrypted", .bool(!unencrypted)),
                ("comment", comment.map(JSONValue.string) ?? .null),
            ]), ok: true)
            return ExitStatus.success
        }
        Console.out("""
        wrote \(privatePath) (\(unencrypted ? "UNENCRYPTED" : "encrypted"), mode 0600) and \(publicPath)
        key id \(key.publicKey.keyID)

        """)
        return ExitStatus.success
    }
}
