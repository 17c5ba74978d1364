import CSystem
import Glibc

/// The process's standard input, output and error, which it does not own: writing to
/// them never closes them, unlike a `FileDescriptor`.
public enum StandardStream: Int32, Sendable {
    case input = 0
    case output = 1
    case error = 2

    /// `write(2)` until every byte is written; a failure (a closed pipe) is dropped, since
    /// there is nowhere left to report it.
    public func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            var written = 0
            while written < raw.count {
                let count = retryingOnInterrupt { Glibc.write(rawValue, raw.baseAddress! + written, raw.count - written) }
                if count <= 0 { return }
                written += count
            }
        }
    }

    /// `text` as UTF-8, written as `write(_:)` writes bytes.
    public func write(_ text: String) {
        write(Array(text.utf8))
    }

    /// `isatty(3)`.
    public var isTerminal: Bool { isatty(rawValue) == 1 }

    /// The width in columns of the terminal this stream is, or nil when it is not one or
    /// does not say (a pseudo-terminal nobody sized).
    public var terminalColumns: Int? {
        let columns = artefact_terminal_columns(rawValue)
        return columns > 0 ? Int(columns) : nil
    }
}
