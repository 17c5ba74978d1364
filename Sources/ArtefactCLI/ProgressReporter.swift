import ArtefactCore
import Glibc
import Synchronization

/// Shows hashing progress on stderr: only when stderr is a terminal, only without
/// `--quiet`, and only once the work has run for a second.
final class ProgressReporter: Sendable {
    private let progress: HashProgress
    private let finished = Atomic<Bool>(false)
    private let thread = Mutex<pthread_t?>(nil)
    private let label: String

    /// A reporter for `tree`, or nil when progress should not be shown.
    static func start(for tree: ScannedTree, label: String, quiet: Bool) -> ProgressReporter? {
        guard !quiet, Console.standardErrorIsTerminal else { return nil }
        let reporter = ProgressReporter(progress: HashProgress(totalBytes: tree.totalBytes), label: label)
        reporter.launch()
        return reporter
    }

    private init(progress: HashProgress, label: String) {
        self.progress = progress
        self.label = label
    }

    var counter: HashProgress { progress }

    private func launch() {
        let box = Unmanaged.passRetained(self)
        var handle = pthread_t()
        if pthread_create(&handle, nil, { argument in
            let reporter = Unmanaged<ProgressReporter>.fromOpaque(argument!).takeRetainedValue()
            reporter.loop()
            return nil
        }, box.toOpaque()) == 0 {
            thread.withLock { $0 = handle }
        } else {
            box.release()
        }
    }

    private func loop() {
        let start = Self.monotonicSeconds()
        var shown = false
        while !finished.load(ordering: .acquiring) {
            usleep(200_000)
            let elapsed = Self.monotonicSeconds() - start
            guard elapsed >= 1 else { continue }
            let done = progress.bytesDone
            let rate = Double(done) / elapsed
            Console.error("\r\(label) \(Self.format(bytes: done)) of \(Self.format(bytes: progress.totalBytes)) (\(Self.format(bytes: Int64(rate)))/s)\u{1B}[K")
            shown = true
        }
        if shown { Console.error("\r\u{1B}[K") }
    }

    /// Stops the reporter and clears its line.
    func stop() {
        finished.store(true, ordering: .releasing)
        if let handle = thread.withLock({ $0 }) { pthread_join(handle, nil) }
    }

    static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    static func format(bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
        let rounded = (value * 10).rounded() / 10
        return unit == 0 ? "\(bytes) B" : "\(rounded) \(units[unit])"
    }
}

/// Runs `body` with a progress callback for the hashers, and stops the reporter after.
func withProgress<Result>(label: String, quiet: Bool, _ body: ((ScannedTree) -> HashProgress?) throws -> Result) rethrows -> Result {
    var reporter: ProgressReporter?
    defer { reporter?.stop() }
    return try body { tree in
        reporter?.stop()
        reporter = ProgressReporter.start(for: tree, label: label, quiet: quiet)
        return reporter?.counter
    }
}
