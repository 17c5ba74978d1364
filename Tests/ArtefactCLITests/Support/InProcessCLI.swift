import ArtefactCLI
import Foundation
import Testing

/// What one in-process run of the command line did.
struct RunResult {
    let status: Int32
    let stdout: String
    let stderr: String

    /// The lines of stderr, without empty ones.
    var errorLines: [String] { stderr.split(separator: "\n").map(String.init) }
    /// The first line of stderr, where every error message goes.
    var errorLine: String { errorLines.first ?? "" }
}

/// Runs `artefact ARGUMENTS` inside the test process: same parsing, same verbs, same
/// messages as the binary, with output captured and the environment exactly `environment`
/// (never the test process's own), so parallel tests cannot see each other. No terminal
/// is attached, so nothing prompts and no progress is drawn. Paths must be absolute: the
/// working directory is the process's, shared by every test.
func artefact(_ arguments: [String], environment: [String: String] = [:]) -> RunResult {
    let captured = CapturedOutput()
    let context = CommandContext(output: captured, environment: CommandEnvironment(environment))
    let status = ArtefactCommandLine.run(arguments, context: context)
    return RunResult(status: status, stdout: captured.output, stderr: captured.error)
}

/// Expects exit 0 and nothing on stderr.
func expectSuccess(_ result: RunResult, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(result.status == 0, "exit \(result.status); stderr: \(result.stderr)", sourceLocation: sourceLocation)
    #expect(result.stderr.isEmpty, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
}

/// Expects bad input: exit 2, nothing on stdout, and one line `artefact: error: ...` that
/// holds every fragment.
func expectBadInput(_ result: RunResult, mentioning fragments: [String] = [],
                    sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(result.status == 2, "exit \(result.status); stderr: \(result.stderr)", sourceLocation: sourceLocation)
    #expect(result.stdout.isEmpty, "stdout: \(result.stdout)", sourceLocation: sourceLocation)
    #expect(result.errorLines.count == 1, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
    #expect(result.errorLine.hasPrefix("artefact: error: "), "stderr: \(result.stderr)", sourceLocation: sourceLocation)
    for fragment in fragments {
        #expect(result.errorLine.contains(fragment), "\"\(fragment)\" is not in: \(result.errorLine)",
                sourceLocation: sourceLocation)
    }
}

/// Parses `text` as a JSON object, failing the test when it is anything else.
func jsonObject(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
    let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return try #require(value as? [String: Any], "not a JSON object: \(text)", sourceLocation: sourceLocation)
}
