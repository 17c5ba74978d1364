@testable import ArtefactCLI
import Testing

/// The shell completions and the man page come from the same command and flag tables that
/// parse arguments: every verb and every flag of every verb is in each of them.
@Suite struct CompletionAndManpageTests {
    /// Every verb with every flag its `FlagSpec` accepts, straight from the dispatch table.
    static var table: [(verb: String, flags: [String], subcommands: [String])] {
        ArtefactCommandLine.commands.map { ($0.name, ($0.flags.valued.union($0.flags.boolean)).sorted(), $0.subcommands) }
    }

    @Test func theTableHoldsTheVerbsThisTestMeansToCheck() {
        let verbs = Self.table.map(\.verb)
        for verb in ["keygen", "hash", "sign", "verify", "inspect", "policy", "store", "transfer", "audit", "diff",
                     "completion", "manpage"] {
            #expect(verbs.contains(verb))
        }
        #expect(Self.table.first { $0.verb == "sign" }?.flags.contains("--passphrase-file") == true)
    }

    /// How `shell` spells `flag` on the lines for `verb`: `verbLine` picks the verb's lines,
    /// `spelling` is what must be on one of them.
    static func marker(_ shell: String, verb: String, flag: String) -> (verbLine: String, spelling: String) {
        switch shell {
        case "bash": ("        \(verb)) ", " \(flag) ")
        case "zsh": ("    \(verb)) _arguments", "'*\(flag)[")
        default: ("__fish_seen_subcommand_from \(verb)'",
                  flag.hasPrefix("--") ? " -l \(flag.dropFirst(2)) " : " -s \(flag.dropFirst()) ")
        }
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func everyVerbAndFlagIsInTheCompletion(_ shell: String) {
        let result = artefact(["completion", shell])
        expectSuccess(result)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        for (verb, flags, subcommands) in Self.table {
            #expect(result.stdout.contains(verb), "\(verb) missing from the \(shell) completion")
            for flag in flags {
                let (verbLine, spelling) = Self.marker(shell, verb: verb, flag: flag)
                // Quotes count as word ends, so "--key" cannot be found inside "--key-file".
                let found = lines.contains { $0.contains(verbLine) && ($0.replacingAll("\"", with: " ") + " ").contains(spelling) }
                #expect(found, "\(verb) \(flag) missing from the \(shell) completion")
            }
            for subcommand in subcommands {
                let found = lines.contains { $0.contains(Self.marker(shell, verb: verb, flag: "").verbLine) && $0.contains(subcommand) }
                #expect(found, "\(verb) \(subcommand) missing from the \(shell) completion")
            }
        }
    }

    @Test func bashCompletesTheVerbsFirst() {
        let script = artefact(["completion", "bash"]).stdout
        #expect(script.contains("complete -o filenames -o bashdefault -F _artefact artefact"))
        let firstWords = Self.table.map(\.verb) + ["help", "version"]
        #expect(script.contains("compgen -W \"\(firstWords.joined(separator: " ")) --help --version\""))
    }

    @Test func zshScriptIsACompdefFile() {
        #expect(artefact(["completion", "zsh"]).stdout.hasPrefix("#compdef artefact\n"))
    }

    @Test(arguments: [["completion", "tcsh"], ["completion"], ["completion", "bash", "zsh"], ["manpage", "extra"]])
    func aShellNotOfferedIsBadInput(_ arguments: [String]) {
        expectBadInput(artefact(arguments))
    }

    @Test func anUnknownShellIsNamed() {
        expectBadInput(artefact(["completion", "tcsh"]), mentioning: ["tcsh", "bash, zsh or fish"])
    }

    @Test func everyVerbAndFlagIsInTheManPage() {
        let result = artefact(["manpage"])
        expectSuccess(result)
        let page = result.stdout
        #expect(page.contains(".TH ARTEFACT 1 "))
        for (verb, flags, _) in Self.table {
            #expect(page.contains(".SS artefact \(ManPage.escaped(verb))\n"), "\(verb) has no section in the man page")
            let section = page.components(after: ".SS artefact \(ManPage.escaped(verb))\n")
            for flag in flags {
                #expect(section.contains(".B \(ManPage.escaped(flag))"), "\(verb) \(flag) missing from the man page")
            }
        }
    }

    @Test func theManPageCarriesEachVerbsHelpText() {
        let page = artefact(["manpage"]).stdout
        for command in ArtefactCommandLine.commands {
            let usage = command.help.split(separator: "\n").first.map(String.init) ?? ""
            #expect(page.contains(ManPage.escaped(usage)), "\(command.name)'s usage line missing from the man page")
        }
    }

    @Test func roffEscapesHyphensBackslashesAndLeadingDots() {
        #expect(ManPage.escaped("--key") == "\\-\\-key")
        #expect(ManPage.escaped("a\\b") == "a\\eb")
        #expect(ManPage.escaped(".hidden") == "\\&.hidden")
    }
}

extension String {
    /// The text after the first `marker` up to the next `.SS` (one man page section).
    func components(after marker: String) -> String {
        guard let start = firstRange(of: marker)?.upperBound else { return "" }
        let rest = self[start...]
        let end = rest.firstRange(of: ".SS ")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }
}
