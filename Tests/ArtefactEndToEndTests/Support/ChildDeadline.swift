import Foundation
import Glibc

/// How long a spawned process may run before the test kills it and fails. Generous, so
/// only a hang reaches it: the slowest real crossing here ends in a few seconds.
enum ChildDeadline {
    static let defaultSeconds: Double = 120

    /// Waits for `process` to end, for up to `seconds`. On time it returns true; past it
    /// the process is killed (SIGKILL: children inherit the test thread's mask, in which
    /// SIGTERM is blocked), reaped, and false is returned.
    static func wait(for process: Process, upTo seconds: Double) -> Bool {
        let ended = DispatchSemaphore(value: 0)
        let watcher = Thread {
            process.waitUntilExit()
            ended.signal()
        }
        watcher.start()
        if ended.wait(timeout: .now() + seconds) == .success { return true }
        _ = kill(process.processIdentifier, SIGKILL)
        ended.wait()
        return false
    }
}

/// A spawned process that outlived its deadline and was killed.
struct ChildTimedOut: Error, CustomStringConvertible {
    let command: [String]
    let seconds: Double

    var description: String {
        "\(command.joined(separator: " ")) did not finish within \(Int(seconds)) s; it was killed (a hang?)"
    }
}
