import Glibc

/// The process's standard streams (descriptors 0, 1 and 2), reached without constructing
/// `FileDescriptor` values: these descriptors belong to the process, never to a value
/// that might close them.
public enum StandardStream: Int32, Sendable {
    case input = 0
    case output = 1
    case error = 2

    /// `write(2)` until every byte of `text` is written. A failure (a closed pipe, a full
    /// disk) is ignored: there is nowhere left to report it, and the exit code still tells.
    public func write(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { raw in
            var written = 0
            while written < raw.count {
                let count = retryingOnInterrupt { Glibc.write(rawValue, raw.baseAddress! + written, raw.count - written) }
                if count <= 0 { return }
                written += count
            }
        }
    }

    /// `isatty(3)`: whether a terminal (and so, probably, a person) is on this stream.
    public var isTerminal: Bool { isatty(rawValue) == 1 }
}
