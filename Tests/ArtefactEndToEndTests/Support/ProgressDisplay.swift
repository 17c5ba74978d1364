import Foundation
import Testing

/// Where a verb's stderr goes in a progress test, and what it may show there.
enum ProgressDisplay: CaseIterable {
    /// A pseudo-terminal (`script -qfec`) with TERM=xterm: the line, redrawn in place.
    case terminal
    /// A pseudo-terminal with TERM=dumb: plain lines, no escape sequences.
    case dumbTerminal
    /// A pseudo-terminal with `--quiet`: nothing.
    case quietTerminal
    /// A pipe: nothing.
    case pipe
}

/// Runs `artefact ARGUMENTS` under `script`, whose output is what the terminal showed
/// (stdout and stderr both). COLUMNS is empty unless `environment` sets it, so the width
/// is the pseudo-terminal's, which nobody sized: 80.
func runOnTerminal(_ arguments: [String], term: String, environment: [String: String] = [:]) throws -> CLIResult {
    let command = ([CLI.executable.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
    let base = ["TERM": term, "COLUMNS": ""].merging(KeyPair.environment) { _, new in new }
    return try CLI.runTool("script", ["-qfec", command, "/dev/null"], environment: base.merging(environment) { _, new in new })
}

/// The progress lines of `label` in what a terminal showed: every piece between carriage
/// returns and newlines that starts with the label and a percentage, erase sequences removed.
func progressLines(_ shown: String, label: String) -> [String] {
    shown.replacingOccurrences(of: "\u{1B}[K", with: "").split(whereSeparator: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" })
        .map(String.init).filter { $0.range(of: "^\(label) \\d+% ", options: .regularExpression) != nil }
}

/// Runs a verb once per display (`run` gives the arguments and environment of a fresh run,
/// so every run has work to do) and expects: on a terminal, `label` with a percentage, the
/// bytes done of a total matching `total`, the rate, the time left and a current file
/// matching `file`, in lines that never reach the 80th column, redrawn with escapes; with
/// TERM=dumb, the same as plain lines without an escape; nothing with --quiet or on a pipe.
/// Returns the lines the capable terminal showed.
@discardableResult
func expectProgressOnlyOnATerminal(label: String, total: String, file: String = #"[^\r\n\x{1B}]+"#,
                                   sourceLocation: SourceLocation = #_sourceLocation,
                                   _ run: (ProgressDisplay) throws -> (arguments: [String], environment: [String: String])) throws -> [String] {
    let line = "\(label) \\d+% [0-9.]+ (B|KiB|MiB) of \(total), [0-9.]+ (B|KiB|MiB|GiB)/s, ETA \\d+:\\d\\d, \(file)"
    var shownLines: [String] = []
    for display in ProgressDisplay.allCases {
        let (arguments, environment) = try run(display)
        switch display {
        case .terminal, .dumbTerminal:
            let shown = try runOnTerminal(arguments, term: display == .terminal ? "xterm" : "dumb", environment: environment)
            try #require(shown.status == 0, "\(display): exit \(shown.status): \(shown.stdout) \(shown.stderr)", sourceLocation: sourceLocation)
            let lines = progressLines(shown.stdout, label: label)
            #expect(lines.contains { $0.range(of: "^\(line)$", options: .regularExpression) != nil },
                    "\(display): no progress line of \(label): \(shown.stdout.debugDescription)", sourceLocation: sourceLocation)
            #expect(lines.allSatisfy { $0.count < 80 }, "\(display): a line reaches the 80th column: \(lines)", sourceLocation: sourceLocation)
            if display == .terminal {
                #expect(shown.stdout.contains("\r\u{1B}[K"), "a capable terminal gets its line redrawn", sourceLocation: sourceLocation)
                shownLines = lines
            } else {
                #expect(!shown.stdout.contains("\u{1B}"), "an escape on a dumb terminal: \(shown.stdout.debugDescription)",
                        sourceLocation: sourceLocation)
                #expect(shown.stdout.range(of: "\(line)\r?\n", options: .regularExpression) != nil,
                        "no plain line: \(shown.stdout.debugDescription)", sourceLocation: sourceLocation)
            }
        case .quietTerminal:
            let shown = try runOnTerminal(arguments + ["--quiet"], term: "xterm", environment: environment)
            try #require(shown.status == 0, "quiet: exit \(shown.status): \(shown.stdout)", sourceLocation: sourceLocation)
            #expect(progressLines(shown.stdout, label: label).isEmpty, "progress despite --quiet: \(shown.stdout)", sourceLocation: sourceLocation)
            #expect(!shown.stdout.contains("\u{1B}"), "\(shown.stdout.debugDescription)", sourceLocation: sourceLocation)
        case .pipe:
            let piped = try CLI.run(arguments, environment: KeyPair.environment.merging(environment) { _, new in new })
            try #require(piped.status == 0, "pipe: exit \(piped.status): \(piped.stderr)", sourceLocation: sourceLocation)
            #expect(piped.stderr.isEmpty, "progress on a pipe: \(piped.stderr)", sourceLocation: sourceLocation)
        }
    }
    return shownLines
}
