import ArtefactCLI
import Testing

/// Help and version are clean exits on stdout; no verb at all is a usage error.
@Suite struct HelpAndVersionTests {
    @Test func noArgumentsIsAUsageError() {
        let result = artefact([])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("Usage: artefact VERB"))
    }

    @Test(arguments: ["--version", "version"])
    func versionPrintsTheVersion(_ argument: String) {
        let result = artefact([argument])
        expectSuccess(result)
        #expect(result.stdout == "artefact \(ArtefactCommandLine.version)\n")
    }

    @Test(arguments: ["help", "--help", "-h"])
    func helpListsEveryVerb(_ argument: String) {
        let result = artefact([argument])
        expectSuccess(result)
        for verb in ["keygen", "hash", "sign", "verify", "inspect", "policy", "store", "transfer", "audit", "diff"] {
            #expect(result.stdout.contains("  \(verb) "), "\(verb) missing from help")
        }
    }

    @Test(arguments: [["help", "sign"], ["sign", "--help"], ["sign", "-h"], ["sign", "--key", "x", "--help"]])
    func signHelpShowsItsFlags(_ arguments: [String]) {
        let result = artefact(arguments)
        expectSuccess(result)
        #expect(result.stdout.hasPrefix("Usage: artefact sign PATH"))
        for flag in ["--key", "--expires", "--ignore", "--signature", "--shard-size", "--jobs", "--classification"] {
            #expect(result.stdout.contains(flag), "\(flag) missing from sign help")
        }
    }

    @Test(arguments: ["keygen", "hash", "sign", "verify", "inspect", "policy", "store", "transfer", "audit", "diff"])
    func everyVerbHasHelp(_ verb: String) {
        let viaFlag = artefact([verb, "--help"])
        expectSuccess(viaFlag)
        #expect(viaFlag.stdout.hasPrefix("Usage: artefact \(verb)"))
        #expect(artefact(["help", verb]).stdout == viaFlag.stdout)
    }

    @Test func helpWinsOverAMissingRequiredArgument() {
        let result = artefact(["verify", "--help"])
        expectSuccess(result)
        #expect(result.stdout.contains("--key"))
    }

    @Test func helpDoesNotRescueAnUnknownFlag() {
        expectBadInput(artefact(["sign", "--bogus", "--help"]), mentioning: ["unknown flag --bogus"])
    }
}
