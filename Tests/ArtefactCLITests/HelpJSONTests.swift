@testable import ArtefactCLI
import Foundation
import Testing

/// `help`, `completion` and `manpage` with `--json`: the same content as their text, in a
/// document with schemaVersion 1 and ok true, read from the same verb and flag tables.
@Suite struct HelpJSONTests {
    @Test(arguments: [["help", "--json"], ["--help", "--json"], ["-h", "--json"], ["help", "--json", "--help"]])
    func theOverviewListsEveryVerbWithItsSubcommands(_ arguments: [String]) throws {
        let result = artefact(arguments)
        let document = try JSONDocumentTests.document(result, ok: true)
        #expect(result.stderr.isEmpty)
        #expect(document["version"] as? String == ArtefactCommandLine.version)
        let verbs = try #require(document["verbs"] as? [[String: Any]])
        #expect(verbs.compactMap { $0["name"] as? String } == CommandCatalog.verbs.map(\.name))
        let store = try #require(verbs.first { $0["name"] as? String == "store" })
        #expect(store["subcommands"] as? [String] == ["init", "list", "verify", "gc"])
        #expect(verbs.allSatisfy { ($0["summary"] as? String)?.isEmpty == false })
        #expect((document["builtins"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["help", "version"])
        let codes = try #require(document["exitCodes"] as? [[String: Any]])
        #expect(codes.compactMap { $0["code"] as? Int } == [0, 1, 2, 3])
    }

    /// `help VERB --json` and `VERB --help --json` give one document: every flag the verb
    /// parses, whether it takes a value or repeats, its description, and the help text.
    @Test(arguments: CommandCatalog.verbs.map(\.name))
    func aVerbsDocumentListsEveryFlagItParses(_ name: String) throws {
        let verb = try #require(CommandCatalog.verb(named: name))
        let viaHelp = artefact(["help", name, "--json"])
        let document = try JSONDocumentTests.document(viaHelp, ok: true)
        #expect(artefact([name, "--help", "--json"]).stdout == viaHelp.stdout)
        #expect(artefact([name, "--json", "-h"]).stdout == viaHelp.stdout)
        #expect(document["verb"] as? String == name)
        #expect(document["help"] as? String == artefact(["help", name]).stdout)
        #expect(document["subcommands"] as? [String] == verb.subcommands)
        let flags = try #require(document["flags"] as? [[String: Any]])
        #expect(flags.compactMap { $0["name"] as? String } == verb.allFlags)
        #expect(flags.contains { $0["name"] as? String == "--json" }, "\(name) takes no --json")
        for flag in flags {
            let flagName = try #require(flag["name"] as? String)
            #expect(flag["takesValue"] as? Bool == verb.valuedFlags.contains(flagName))
            #expect(flag["repeatable"] as? Bool == verb.repeatableFlags.contains(flagName))
            #expect(flag["description"] is String || flag["description"] is NSNull)
        }
    }

    @Test func signsFlagsSayWhatTheyTake() throws {
        let document = try JSONDocumentTests.document(artefact(["help", "sign", "--json"]), ok: true)
        let flags = try #require(document["flags"] as? [[String: Any]])
        let key = try #require(flags.first { $0["name"] as? String == "--key" })
        #expect(key["takesValue"] as? Bool == true && key["repeatable"] as? Bool == false)
        #expect((key["description"] as? String)?.contains("PKCS#8") == true)
        let ignore = try #require(flags.first { $0["name"] as? String == "--ignore" })
        #expect(ignore["repeatable"] as? Bool == true)
        let force = try #require(flags.first { $0["name"] as? String == "--force" })
        #expect(force["takesValue"] as? Bool == false)
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionCarriesTheScriptItPrints(_ shell: String) throws {
        let document = try JSONDocumentTests.document(artefact(["completion", shell, "--json"]), ok: true)
        #expect(Set(document.keys) == ["schemaVersion", "ok", "shell", "script"])
        #expect(document["shell"] as? String == shell)
        let plain = artefact(["completion", shell])
        expectSuccess(plain)
        #expect(document["script"] as? String == plain.stdout)
    }

    @Test func manpageCarriesTheRoffItPrints() throws {
        let document = try JSONDocumentTests.document(artefact(["manpage", "--json"]), ok: true)
        #expect(Set(document.keys) == ["schemaVersion", "ok", "section", "roff"])
        #expect(document["section"] as? Int == 1)
        #expect(document["roff"] as? String == artefact(["manpage"]).stdout)
    }

    @Test func anUnknownHelpTopicSuggestsTheNearestVerb() throws {
        let result = artefact(["help", "veriffy"])
        expectBadInput(result, mentioning: ["no help for 'veriffy' (did you mean 'verify'?)", "artefact help"])
    }
}
