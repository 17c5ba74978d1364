import Foundation
import Testing

/// Help and version are clean exits on stdout; no verb at all is a usage error.
@Suite struct HelpAndVersionTests {
    @Test func noArgumentsIsAUsageError() throws {
        let result = try CLI.run([])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("Usage: artefact VERB"))
    }

    @Test func versionPrintsTheVersion() throws {
        let result = try CLI.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.hasPrefix("artefact "))
        #expect(result.stdout.split(separator: "\n").count == 1)
    }

    @Test func helpListsEveryVerb() throws {
        let result = try CLI.run(["help"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        for verb in ["keygen", "hash", "sign", "verify", "inspect"] {
            #expect(result.stdout.contains("  \(verb) "), "\(verb) missing from help")
        }
    }

    @Test(arguments: [["help", "sign"], ["sign", "--help"], ["sign", "-h"], ["sign", "--key", "x", "--help"]])
    func signHelpShowsItsFlags(_ arguments: [String]) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.hasPrefix("Usage: artefact sign PATH"))
        for flag in ["--key", "--expires", "--ignore", "--signature", "--shard-size", "--jobs", "--classification"] {
            #expect(result.stdout.contains(flag), "\(flag) missing from sign help")
        }
    }

    @Test(arguments: ["keygen", "hash", "verify", "inspect"])
    func everyVerbHasHelp(_ verb: String) throws {
        let result = try CLI.run([verb, "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Usage: artefact \(verb)"))
    }
}
