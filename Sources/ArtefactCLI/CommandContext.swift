import ArtefactCore

/// What one run of the command line reads and writes besides its arguments: the output
/// sink, the environment variables, and whether a person is at the terminal.
///
/// `ArtefactCommandLine.run` binds the context for the length of the run as a task-local
/// value, so `Console` and `PassphraseSource` reach it without every verb passing it on,
/// and runs on parallel tasks (Swift Testing's in-process tests) each see their own.
/// Relative paths still resolve against the process's working directory.
public struct CommandContext: Sendable {
    public var output: any OutputSink
    public var environment: CommandEnvironment
    /// Whether a passphrase may be asked for on the terminal.
    public var standardInputIsTerminal: Bool
    /// Whether progress may be drawn on the error stream.
    public var standardErrorIsTerminal: Bool
    /// The width of the terminal the error stream is, when it says; `COLUMNS` comes first.
    public var standardErrorColumns: Int?
    /// What `--key -` reads: nil reads the process's standard input; bytes stand in for it.
    public var standardInput: [UInt8]?

    public init(output: any OutputSink, environment: CommandEnvironment,
                standardInputIsTerminal: Bool = false, standardErrorIsTerminal: Bool = false, standardInput: [UInt8]? = nil,
                standardErrorColumns: Int? = nil) {
        self.output = output
        self.environment = environment
        self.standardInputIsTerminal = standardInputIsTerminal
        self.standardErrorIsTerminal = standardErrorIsTerminal
        self.standardInput = standardInput
        self.standardErrorColumns = standardErrorColumns
    }

    /// The process's own: standard streams, process environment, and terminals as they are.
    public static var process: CommandContext {
        CommandContext(output: StandardStreams(), environment: .process,
                       standardInputIsTerminal: StandardStream.input.isTerminal,
                       standardErrorIsTerminal: StandardStream.error.isTerminal,
                       standardErrorColumns: StandardStream.error.terminalColumns)
    }

    /// The context of the run in progress on this task.
    @TaskLocal static var current: CommandContext = .process
}
