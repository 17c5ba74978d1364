import ArtefactCore

/// Where the verbs write: stdout for results, stderr for messages and progress, through
/// the current run's `OutputSink`. Human text arrives as `TerminalText`, whose interpolated
/// values are already escaped; JSON has its control and bidi characters written as `\u`
/// escapes.
enum Console {
    static func out(_ text: TerminalText) {
        CommandContext.current.output.writeOutput(text.text)
    }

    static func error(_ text: TerminalText) {
        CommandContext.current.output.writeError(text.text)
    }

    /// Writes `fields` as a `JSONDocument`: `schemaVersion` and `ok` (true exactly when the
    /// run exits 0) ahead of them.
    static func outJSON(_ fields: JSONValue, ok: Bool) {
        CommandContext.current.output.writeOutput(TerminalText.escapeJSON(JSONWriter.prettyString(JSONDocument.make(ok: ok, fields))))
    }

    static var standardErrorIsTerminal: Bool { CommandContext.current.standardErrorIsTerminal }
    static var standardInputIsTerminal: Bool { CommandContext.current.standardInputIsTerminal }
}
