import Foundation
import Testing

extension CLIResult {
    /// The lines of stderr, without empty ones.
    var errorLines: [String] { stderr.split(separator: "\n").map(String.init) }
}

/// Expects exit 0 and no error message.
func expectAccepted(_ result: CLIResult, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(result.status == 0, "exit \(result.status); stderr: \(result.stderr)", sourceLocation: sourceLocation)
    #expect(result.stderr.isEmpty, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
}

/// Expects a rejection: exit 1 and one line `artefact: rejected: CHECK: ...` that holds
/// every fragment.
func expectRejected(_ result: CLIResult, check: String, mentioning fragments: [String] = [],
                    sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(result.status == 1, "exit \(result.status); stderr: \(result.stderr)", sourceLocation: sourceLocation)
    #expect(result.errorLines.count == 1, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
    #expect(result.errorLine.hasPrefix("artefact: rejected: \(check): "), "stderr: \(result.stderr)",
            sourceLocation: sourceLocation)
    for fragment in fragments {
        #expect(result.errorLine.contains(fragment), "\"\(fragment)\" is not in: \(result.errorLine)",
                sourceLocation: sourceLocation)
    }
}

/// Expects bad input: exit 2, nothing on stdout, and one line `artefact: error: ...` that
/// holds every fragment.
func expectBadInput(_ result: CLIResult, mentioning fragments: [String] = [],
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

/// `date` as RFC 3339 UTC, `2026-01-01T00:00:00Z`.
func rfc3339(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: date)
}

/// The names under `directory`, recursively, sorted; for checking nothing was written.
func listing(_ directory: String) -> [String] {
    (FileManager.default.subpaths(atPath: directory) ?? []).sorted()
}
