import ArtefactCore

/// `--key` values that may hold either kind of key artefact uses (Ed25519, or EC P-256,
/// P-384, P-521), read through the same sources and passphrase paths as `sign --key`.
extension KeyArgument {
    /// The private key `argument` names (a file, env:VAR or - for standard input), asking
    /// for a passphrase (--passphrase-file, ARTEFACT_PASSPHRASE, a prompt) only if it is
    /// encrypted.
    static func anyKindOfPrivateKey(_ argument: String, passphraseFile: String?) throws -> AnyPrivateKey {
        var (pem, source) = try pem(argument)
        defer { wipe(&pem) }
        let passphrase = PrivateKeyFile.isEncrypted(pem)
            ? try PassphraseSource.obtain(file: passphraseFile, confirm: false, purpose: source)
            : nil
        return try PrivateKeyFile.readAnyKind(pem: pem, passphrase: passphrase, source: source)
    }

    /// The public key `argument` names (a file, env:VAR or - for standard input).
    static func anyKindOfPublicKey(_ argument: String) throws -> AnyPublicKey {
        let (pem, source) = try pem(argument)
        return try AnyPublicKey(pem: pem, source: source)
    }
}
