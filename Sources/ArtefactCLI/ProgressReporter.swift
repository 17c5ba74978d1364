import ArtefactCore
import Synchronization

/// Shows a long verb's progress on stderr from one `HashProgress`, fed by the hashing or
/// copying workers: a percentage, bytes done of the total, the rate, the time left and the
/// current file. Only when stderr is a terminal, only without `--quiet`, and only once the
/// work has run for a second; a `TERM=dumb` terminal gets a plain line every few seconds
/// instead of one line redrawn in place. `--verbose` adds a line per finished file (on a
/// pipe too). It draws from a thread of its own, which sees no task-local context, so it
/// keeps the run's output sink.
final class ProgressReporter: Sendable {
    private let progress: HashProgress
    private let finished = Atomic<Bool>(false)
    private let thread = Mutex<JoinableThread?>(nil)
    private let label: String
    private let style: ProgressStyle
    private let output: any OutputSink

    /// A reporter for work of `totalBytes` (0 until known), or nil when nothing is shown.
    static func start(label: String, options: ProgressOptions, totalBytes: Int64 = 0) -> ProgressReporter? {
        let style = ProgressStyle.current(options)
        guard style.drawsProgress || style.listsFiles else { return nil }
        let reporter = ProgressReporter(progress: HashProgress(totalBytes: totalBytes), label: label, style: style,
                                        output: CommandContext.current.output)
        reporter.launch()
        return reporter
    }

    private init(progress: HashProgress, label: String, style: ProgressStyle, output: any OutputSink) {
        self.progress = progress
        self.label = label
        self.style = style
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
        var lineShown = false
        var lastPlain = -Double.infinity
        var stopping = false
        while !stopping {
            stopping = finished.load(ordering: .acquiring)
            if !stopping { sleepOnThisThread(milliseconds: 200) }
            let elapsed = Self.seconds(start.duration(to: clock.now))
            if style.listsFiles { listFinishedFiles(clearing: lineShown) }
            guard style.drawsProgress, !stopping, elapsed >= 1 else { continue }
            let line = ProgressLine(label: label, done: progress.bytesDone, total: progress.totalBytes, elapsed: elapsed,
                                    file: progress.currentFile).text(columns: style.columns)
            if style.redraws {
                draw(TerminalText.verbatim("\r") + line + .verbatim("\u{1B}[K"))
                lineShown = true
            } else if elapsed - lastPlain >= ProgressStyle.plainInterval {
                draw(line + "\n")
                lastPlain = elapsed
            }
        }
        if lineShown { draw(.verbatim("\r\u{1B}[K")) }
    }

    private func listFinishedFiles(clearing lineShown: Bool) {
        let files = progress.takeFinishedFiles()
        guard !files.isEmpty else { return }
        var text: TerminalText = lineShown && style.redraws ? .verbatim("\r\u{1B}[K") : ""
        for file in files { text += "\(label) \(file): done\n" }
        draw(text)
    }

    private func draw(_ text: TerminalText) { output.writeError(text.text) }

    /// Stops the reporter, lists the last finished files and clears its line.
    func stop() {
        finished.store(true, ordering: .releasing)
        thread.withLock { $0 }?.join()
    }

    /// Sizes as the verbs print them (`1.5 GiB`).
    static func format(bytes: Int64) -> String { ProgressLine.format(bytes: bytes) }

    private static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}

/// `--quiet` and `--verbose` as the verbs that show progress read them.
struct ProgressOptions: Sendable {
    var quiet = false
    var verbose = false

    init(quiet: Bool = false, verbose: Bool = false) {
        self.quiet = quiet
        self.verbose = verbose
    }

    init(_ arguments: ScannedArguments) {
        self.init(quiet: arguments.has("--quiet"), verbose: arguments.has("--verbose"))
    }
}

/// What the reporter draws on this run's stderr.
struct ProgressStyle: Sendable {
    /// Seconds between two lines on a terminal that cannot redraw (`TERM=dumb`).
    static let plainInterval: Double = 2
    let drawsProgress: Bool
    let redraws: Bool
    let listsFiles: Bool
    /// The terminal's width, which the line never reaches: `COLUMNS` when set, else what
    /// the terminal says, else 80.
    let columns: Int

    static func current(_ options: ProgressOptions) -> ProgressStyle {
        let context = CommandContext.current
        let terminal = !options.quiet && context.standardErrorIsTerminal
        let dumb = context.environment.value("TERM").map { $0 == "dumb" } ?? true
        let fromEnvironment = context.environment.value("COLUMNS").flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
        return ProgressStyle(drawsProgress: terminal, redraws: terminal && !dumb, listsFiles: !options.quiet && options.verbose,
                             columns: fromEnvironment ?? context.standardErrorColumns ?? 80)
    }
}

/// Runs `body` with a progress callback for the hashers, and stops the reporter after.
/// SIGINT and SIGTERM stop the work from here on (`Interruption`): armed only now, after
/// any passphrase prompt, so Ctrl-C at a prompt still ends the process at once.
func withProgress<Result>(label: String, options: ProgressOptions,
                          _ body: ((ScannedTree) -> HashProgress?) throws -> Result) rethrows -> Result {
    Interruption.arm()
    var reporter: ProgressReporter?
    defer { reporter?.stop() }
    return try body { tree in
        reporter?.stop()
        reporter = ProgressReporter.start(label: label, options: options, totalBytes: tree.totalBytes)
        return reporter?.counter
    }
}

/// Runs `body` with one progress model whose total the work sets once it knows it (a
/// transfer, `store verify`), and stops the reporter after.
func withProgress<Result>(label: String, options: ProgressOptions, _ body: (HashProgress?) throws -> Result) rethrows -> Result {
    Interruption.arm()
    let reporter = ProgressReporter.start(label: label, options: options)
    defer { reporter?.stop() }
    return try body(reporter?.counter)
}
