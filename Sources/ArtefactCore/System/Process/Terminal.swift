import Glibc

/// The controlling terminal (`/dev/tty`), for the one question artefact ever asks a
/// person: a passphrase, read with echo off so it never shows on the screen.
public enum Terminal {
    /// Writes `prompt` to `/dev/tty`, turns echo off (`tcgetattr`/`tcsetattr`), reads one
    /// line of at most `capacity` bytes into secure memory, and restores the terminal.
    /// Returns nil when there is no terminal to ask. The line ending is not included; a
    /// result of exactly `capacity` bytes may have been cut short, which callers refuse.
    public static func readHiddenLine(prompt: String, capacity: Int) throws -> SecretBytes? {
        let terminal = retryingOnInterrupt { open("/dev/tty", O_RDWR | O_CLOEXEC) }
        guard terminal >= 0 else { return nil }
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
        _ = prompt.withCString { write(terminal, $0, strlen($0)) }
        let line = try SecretBytes(count: capacity)
        var length = 0
        line.withUnsafeMutableBytes { buffer in
            while length < buffer.count {
                var byte: UInt8 = 0
                let count = read(terminal, &byte, 1)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 || byte == UInt8(ascii: "\n") { break }
                buffer[length] = byte
                length += 1
            }
        }
        return try line.withUnsafeBytes { try SecretBytes(copying: UnsafeRawBufferPointer(rebasing: $0[0..<length])) }
    }
}
