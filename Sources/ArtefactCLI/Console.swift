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

    static func outJSON(_ value: JSONValue) {
        CommandContext.current.output.writeOutput(TerminalText.escapeJSON(JSONWriter.prettyString(value)))
    }

    static var standardErrorIsTerminal: Bool { CommandContext.current.standardErrorIsTerminal }
    static var standardInputIsTerminal: Bool { CommandContext.current.standardInputIsTerminal }
}
