import CSystem
import Glibc

/// SIGINT and SIGTERM during a long verb. Once `arm()`ed, the first signal only sets a flag
/// (in CSystem's shim, as an async-signal-safe handler must), and the workers stop at
/// their next chunk by throwing `Interrupted`, so staging is left whole for a resume and
/// the attempt is logged. A second signal, or one before arming, ends the process as the
/// signal always did. Only this file calls the shim's interruption functions: its state is
/// static to each object file that uses it.
public enum Interruption {
    /// Installs the handlers for the rest of the process.
    public static func arm() { _ = artefact_interrupt_install() }

    /// The signal received since arming, or nil.
    public static var signal: Int32? {
        let received = artefact_interrupt_received()
        return received == 0 ? nil : received
    }

    /// Throws `Interrupted` once a signal has arrived. Workers call it between chunks.
    public static func check() throws {
        if let signal { throw Interrupted(signal: signal) }
    }
}

/// A long verb stopped by SIGINT or SIGTERM (`Interruption`). `rerun` says what running
/// the same command again will do.
public struct Interrupted: Error, Sendable, Equatable {
    public let signal: Int32
    public var rerun: String = "nothing was written; rerun the same command to start again"

    public init(signal: Int32, rerun: String? = nil) {
        self.signal = signal
        if let rerun { self.rerun = rerun }
    }

    /// The shell's convention: 128 plus the signal number (130 for SIGINT, 143 for SIGTERM).
    public var exitCode: Int32 { 128 + signal }

    public var signalName: String { signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : "signal \(signal)" }
}
