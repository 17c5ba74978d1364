import ArtefactCore
import Synchronization

/// Shows hashing progress on stderr: only when stderr is a terminal, only without
/// `--quiet`, and only once the work has run for a second. It draws from a thread of its
/// own, which sees no task-local context, so it keeps the run's output sink.
final class ProgressReporter: Sendable {
    private let progress: HashProgress
    private let finished = Atomic<Bool>(false)
    private let thread = Mutex<JoinableThread?>(nil)
    private let label: String
    private let output: any OutputSink

    /// A reporter for `tree`, or nil when progress should not be shown.
    static func start(for tree: ScannedTree, label: String, quiet: Bool) -> ProgressReporter? {
        guard !quiet, Console.standardErrorIsTerminal else { return nil }
        let reporter = ProgressReporter(progress: HashProgress(totalBytes: tree.totalBytes), label: label,
                                        output: CommandContext.current.output)
        reporter.launch()
        return reporter
    }

    private init(progress: HashProgress, label: String, output: any OutputSink) {
        self.progress = progress
        self.label = label
        self.output = output
    }

    var counter: HashProgress { progress }

    private func launch() {
        let started = JoinableThread.start { [self] in loop() }
        thread.withLock { $0 = started }
    }

    private func loop() {
        let clock = ContinuousClock()
        let start = clock.now
        var shown = false
        while !finished.load(ordering: .acquiring) {
            sleepOnThisThread(milliseconds: 200)
            let elapsed = Self.seconds(start.duration(to: clock.now))
            guard elapsed >= 1 else { continue }
            let done = progress.bytesDone
            let rate = Double(done) / elapsed
            draw("\r\(label) \(Self.format(bytes: done)) of \(Self.format(bytes: progress.totalBytes)) (\(Self.format(bytes: Int64(rate)))/s)\u{1B}[K")
            shown = true
        }
        if shown { draw("\r\u{1B}[K") }
    }

    private func draw(_ text: TerminalText) { output.writeError(text.text) }

    /// Stops the reporter and clears its line.
    func stop() {
        finished.store(true, ordering: .releasing)
        thread.withLock { $0 }?.join()
    }

    private static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
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
