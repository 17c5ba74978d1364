import ArtefactCore

/// `artefact key import`: converts Ed25519 keys other tools wrote (OpenSSH, minisign,
/// signify) to artefact's PEM keys, written exactly as `keygen` writes them.
enum KeyCommand: Command {
    static let name = "key"
    static let summary = "import an OpenSSH, minisign or signify Ed25519 key as PREFIX.key and PREFIX.pub"
    static let help = """
    Usage: artefact key import FILE --out PREFIX [--unencrypted] [--comment TEXT] [--passphrase-file FILE]
                               [--source-passphrase-file FILE] [--json]

    Reads an Ed25519 key another tool wrote and writes it as artefact's PEM keys, as keygen
    does: for a secret key, PREFIX.key (PKCS#8, mode 0600, encrypted with scrypt and
    AES-256-CBC) and PREFIX.pub; for a public key, PREFIX.pub alone. FILE may be:
      an OpenSSH private key (ssh-keygen -t ed25519; an encrypted one is decrypted by
      ssh-keygen in a private temporary copy) or public key (id_ed25519.pub);
      a minisign secret key (minisign -G, encrypted or -W) or public key (minisign.pub);
      a signify secret key (signify-openbsd -G -n, unencrypted) or public key.
    The key id is the same as the original's public key imported the same way.

      --out PREFIX                   where to write; existing files are not replaced
      --unencrypted                  store the private key unencrypted (not recommended)
      --comment TEXT                 a label written above each PEM block
      --passphrase-file FILE         the new key's passphrase, from the first line of FILE (else ARTEFACT_PASSPHRASE or a prompt)
      --source-passphrase-file FILE  an encrypted OpenSSH or minisign key's passphrase (else ARTEFACT_SOURCE_PASSPHRASE or a prompt)
      --json                         print the paths, format and key id as JSON

    """
    static let subcommands = ["import"]
    static let flags = FlagSpec(valued: ["--out", "--comment", "--passphrase-file", "--source-passphrase-file"],
                                boolean: ["--unencrypted", "--json"])

    static let sourcePassphraseVariable = "ARTEFACT_SOURCE_PASSPHRASE"

    static func run(_ arguments: ScannedArguments) throws -> Int32 {
        guard let subcommand = arguments.positionals.first else {
            throw ArtefactError.usage("'key' needs a subcommand: import")
        }
        guard subcommands.contains(subcommand) else {
            throw ArtefactError.usage("unknown key subcommand '\(subcommand)'\(NearestName.hint(for: subcommand, among: subcommands)); use import")
        }
        guard arguments.positionals.count == 2 else {
            throw ArtefactError.usage("'key import' takes one key file; see 'artefact key --help'")
        }
        return try importKey(arguments.positionals[1], arguments)
    }

    private static func importKey(_ file: String, _ arguments: ScannedArguments) throws -> Int32 {
        guard let prefix = arguments.value("--out"), !prefix.isEmpty else {
            throw ArtefactError.usage("key import needs --out PREFIX, the path prefix for PREFIX.key and PREFIX.pub")
        }
        let comment = try NewKeyOptions.comment(arguments)
        try NewKeyOptions.requireConsistent(arguments)
        try ParentDirectory.require(for: KeyPairFiles.publicPath(prefix))
        var bytes = try FileSystem.readFile(file, limit: KeyImport.fileLimit)
        defer { wipe(&bytes) }
        let isSecret = ForeignKeyKind.detect(bytes)?.isSecret ?? false
        let privatePath = KeyPairFiles.privatePath(prefix)
        let publicPath = KeyPairFiles.publicPath(prefix)
        try KeyPairFiles.refuseExisting(isSecret ? [privatePath, publicPath] : [publicPath], verb: "key import")
        let imported = try KeyImport.read(bytes, source: file) {
            try PassphraseSource.obtain(file: arguments.value("--source-passphrase-file"), confirm: false,
                                        purpose: "the key \(file)", variable: sourcePassphraseVariable)
        }
        var encrypted: Bool?
        if let key = imported.signingKey {
            let passphrase = try NewKeyOptions.passphrase(arguments, verb: "key import", purpose: "the imported key")
            try KeyPairFiles.write(key, prefix: prefix, passphrase: passphrase, comment: comment)
            encrypted = passphrase != nil
        } else {
            try KeyPairFiles.writePublic(imported.publicKey, prefix: prefix, comment: comment)
        }
        let keyID = imported.publicKey.keyID
        if arguments.has("--json") {
            Console.outJSON(jsonObject([
                ("source", .string(file)), ("format", .string(imported.kind.tool.rawValue)),
                ("secret", .bool(imported.signingKey != nil)),
                ("privateKey", encrypted == nil ? .null : .string(privatePath)), ("publicKey", .string(publicPath)),
                ("keyId", .string(keyID)), ("encrypted", encrypted.map(JSONValue.bool) ?? .null),
                ("comment", comment.map(JSONValue.string) ?? .null),
            ]), ok: true)
            return ExitStatus.success
        }
        let written = encrypted.map { "\(privatePath) (\($0 ? "encrypted" : "UNENCRYPTED"), mode 0600) and \(publicPath)" } ?? publicPath
        Console.out("""
        imported \(file) (\(imported.kind.name))
        wrote \(written)
        key id \(keyID)

        """)
        return ExitStatus.success
    }
}
