import ArtefactCore

/// One verb of the command line. Each lives in its own file under `Commands/`.
protocol Command {
    static var name: String { get }
    /// One line for `artefact help`.
    static var summary: String { get }
    /// The full `--help` text.
    static var help: String { get }
    static var flags: FlagSpec { get }
    /// The words a verb takes as its first argument (`store init`), for completions and the man page.
    static var subcommands: [String] { get }
    /// Runs the verb; returns the exit code, or throws an `ArtefactError`.
    static func run(_ arguments: ScannedArguments) throws -> Int32
}

extension Command {
    static var subcommands: [String] { [] }
}
