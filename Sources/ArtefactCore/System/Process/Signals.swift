import Glibc

/// Process-wide signal settings. (The SIGBUS handler for mapped reads is C, in CSystem's
/// shim, installed by `MappedWindow`.)
public enum Signals {
    /// `signal(SIGPIPE, SIG_IGN)`, once per process: a write to a connection the peer
    /// closed then fails with EPIPE, reported like any other cut connection, instead of
    /// killing the process.
    public static func ignoreBrokenPipe() { _ = brokenPipeIgnored }

    private static let brokenPipeIgnored: Void = { _ = signal(SIGPIPE, SIG_IGN) }()
}
