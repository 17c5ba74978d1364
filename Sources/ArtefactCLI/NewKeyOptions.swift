import ArtefactCore

/// The options every verb that writes a private key shares (`keygen`, `key import`): the
/// comment above the PEM blocks, and the passphrase that encrypts the key, with
/// `--unencrypted` the only way to store it in the clear.
enum NewKeyOptions {
    /// `--comment TEXT`, which must be one line.
    static func comment(_ arguments: ScannedArguments) throws -> String? {
        let comment = arguments.value("--comment")
        if let comment, comment.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            throw ArtefactError.usage("--comment must be one line of text, without control characters")
        }
        return comment
    }

    /// Fails on flags that contradict each other: `--unencrypted` with `--passphrase-file`.
    static func requireConsistent(_ arguments: ScannedArguments) throws {
        if arguments.has("--unencrypted") && arguments.value("--passphrase-file") != nil {
            throw ArtefactError.usage("--unencrypted and --passphrase-file contradict each other; give one")
        }
    }

    /// The passphrase for the new private key, or nil with `--unencrypted`: from
    /// --passphrase-file, ARTEFACT_PASSPHRASE or a terminal prompt (asked twice).
    static func passphrase(_ arguments: ScannedArguments, verb: String, purpose: String) throws -> SecretBytes? {
        try requireConsistent(arguments)
        if arguments.has("--unencrypted") { return nil }
        guard let passphrase = try PassphraseSource.obtain(file: arguments.value("--passphrase-file"), confirm: true, purpose: purpose) else {
            throw ArtefactError.badInput("\(verb) needs a passphrase to encrypt the key: set ARTEFACT_PASSPHRASE, pass --passphrase-file FILE, run it in a terminal, or pass --unencrypted")
        }
        return passphrase
    }
}
