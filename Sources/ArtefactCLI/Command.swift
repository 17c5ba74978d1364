import ArtefactCore

/// One verb of the command line. Each lives in its own file under `Commands/`.
protocol Command {
    static var name: String { get }
    /// One line for `artefact help`.
    static var summary: String { get }
    /// The full `--help` text.
    static var help: String { get }
    static var flags: FlagSpec { get }
    /// Runs the verb; returns the exit code, or throws an `ArtefactError`.
    static func run(_ arguments: ScannedArguments) throws -> Int32
}
