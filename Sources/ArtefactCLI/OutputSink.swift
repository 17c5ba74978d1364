import ArtefactCore

/// Where one run of the command line writes: results on the output stream (what a script
/// reads), messages, warnings and progress on the error stream. The binary writes to the
/// process's standard streams; tests pass a sink that keeps the text.
public protocol OutputSink: Sendable {
    /// Writes results: human lines or a JSON document.
    func writeOutput(_ text: String)
    /// Writes messages: errors, warnings, progress.
    func writeError(_ text: String)
}
