import ArtefactCore
import Glibc

/// Where a passphrase comes from: `--passphrase-file`, then `ARTEFACT_PASSPHRASE`, then a
/// prompt on the terminal. Never from argv. Passphrases live only in `SecretBytes`.
enum PassphraseSource {
    static let environmentVariable = "ARTEFACT_PASSPHRASE"

    /// The passphrase, or nil when no source has one.
    /// - Parameter confirm: when prompting, ask twice (for a new key).
    static func obtain(file: String?, confirm: Bool, purpose: String) throws -> SecretBytes? {
        if let file { return try fromFile(file) }
        if let value = getenv(environmentVariable) {
            let length = strlen(value)
            guard length > 0 else { throw ArtefactError.badInput("\(environmentVariable) is set but empty; set a passphrase or unset it") }
            return try SecretBytes(copying: UnsafeRawBufferPointer(start: value, count: length))
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
            if let value = getenv(name), strlen(value) > 0 {
                return try SecretBytes(copying: UnsafeRawBufferPointer(start: value, count: strlen(value)))
            }
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
        let terminal = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard terminal >= 0 else { throw ArtefactError.badInput("no terminal to ask for a passphrase; set ARTEFACT_PASSPHRASE or use --passphrase-file") }
        defer { close(terminal) }
        var saved = termios()
        let canSilence = tcgetattr(terminal, &saved) == 0
        if canSilence {
            var silent = saved
            silent.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(terminal, TCSAFLUSH, &silent)
        }
        defer {
            if canSilence { tcsetattr(terminal, TCSAFLUSH, &saved) }
            _ = write(terminal, "\n", 1)
        }
        _ = text.withCString { write(terminal, $0, strlen($0)) }
        let line = try SecretBytes(count: 1024)
        var length = 0
        try line.withUnsafeMutableBytes { buffer in
            while length < buffer.count {
                var byte: UInt8 = 0
                let count = read(terminal, &byte, 1)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 || byte == UInt8(ascii: "\n") { break }
                buffer[length] = byte
                length += 1
            }
            if length == buffer.count { throw ArtefactError.badInput("the passphrase is longer than 1023 bytes") }
        }
        let result = try line.withUnsafeBytes { try SecretBytes(copying: UnsafeRawBufferPointer(rebasing: $0[0..<length])) }
        return result
    }
}
