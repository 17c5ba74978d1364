import Foundation
import Testing

/// The binary's own streams and exit codes: results on stdout with exit 0, usage on stderr
/// with exit 2. Everything else about help and arguments is tested in-process in
/// ArtefactCLITests.
@Suite struct HelpAndVersionTests {
    @Test func noArgumentsIsAUsageErrorOnStandardError() throws {
        let result = try CLI.run([])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("Usage: artefact VERB"))
    }

    @Test func versionPrintsTheVersionOnStandardOutput() throws {
        let result = try CLI.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.hasPrefix("artefact "))
        #expect(result.stdout.split(separator: "\n").count == 1)
    }

    @Test func anUnknownCommandIsExitTwoWithOneLineOnStandardError() throws {
        expectBadInput(try CLI.run(["frobnicate"]), mentioning: ["unknown command 'frobnicate'"])
    }
}
