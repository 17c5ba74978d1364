import ArtefactCore

/// Where a passphrase comes from: `--passphrase-file`, then `ARTEFACT_PASSPHRASE`, then a
/// prompt on the terminal. Never from argv. Passphrases live only in `SecretBytes`.
enum PassphraseSource {
    static let environmentVariable = "ARTEFACT_PASSPHRASE"

    /// The passphrase, or nil when no source has one.
    /// - Parameter confirm: when prompting, ask twice (for a new key).
    /// - Parameter variable: the environment variable to read (`key import` reads the
    ///   passphrase of the key it converts from `ARTEFACT_SOURCE_PASSPHRASE`).
    static func obtain(file: String?, confirm: Bool, purpose: String, variable: String = environmentVariable) throws -> SecretBytes? {
        if let file { return try fromFile(file) }
        let environment = CommandContext.current.environment
        if environment.isSet(variable) {
            guard let value = try environment.secret(variable) else {
                throw ArtefactError.badInput("\(variable) is set but empty; set a passphrase or unset it")
            }
            return value
        }
        guard Console.standardInputIsTerminal else { return nil }
        let first = try prompt("Passphrase for \(purpose): ")
        if confirm {
            let second = try prompt("Repeat the passphrase: ")
            guard first.constantTimeEquals(second) else { throw ArtefactError.badInput("the two passphrases differ; run the command again") }
        }
        guard first.count > 0 else { throw ArtefactError.badInput("the passphrase is empty; choose one") }
        return first
    }

    /// The passphrase of an encrypted audit key: `ARTEFACT_AUDIT_PASSPHRASE`, else
    /// `ARTEFACT_PASSPHRASE`; never a prompt, since transfers run unattended.
    static func auditKeyPassphrase() throws -> SecretBytes? {
        for name in ["ARTEFACT_AUDIT_PASSPHRASE", environmentVariable] {
            if let value = try CommandContext.current.environment.secret(name) { return value }
        }
        return nil
    }

    /// The first line of `path`, without its line ending.
    private static func fromFile(_ path: String) throws -> SecretBytes {
        var bytes = try FileSystem.readFile(path, limit: 64 << 10)
        defer { wipe(&bytes) }
        var length = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        if length > 0 && bytes[length - 1] == UInt8(ascii: "\r") { length -= 1 }
        guard length > 0 else { throw ArtefactError.badInput("the passphrase file \(path) is empty; put the passphrase on its first line") }
        return try bytes.withUnsafeBytes { try SecretBytes(copying: UnsafeRawBufferPointer(rebasing: $0[0..<length])) }
    }

    /// Reads one line from the terminal with echo off.
    private static func prompt(_ text: String) throws -> SecretBytes {
        let capacity = 1024
        guard let line = try Terminal.readHiddenLine(prompt: text, capacity: capacity) else {
            throw ArtefactError.badInput("no terminal to ask for a passphrase; set ARTEFACT_PASSPHRASE or use --passphrase-file")
        }
        if line.count == capacity { throw ArtefactError.badInput("the passphrase is longer than \(capacity - 1) bytes") }
        return line
    }
}
