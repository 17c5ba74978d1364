@testable import ArtefactCLI
import Foundation
import Testing

/// With `--json`, a failing run of every verb (and every subcommand, and `help` and
/// `version`) prints one error document: schemaVersion 1, ok false, the error's kind and
/// the same message as stderr's line, with the exit code of that kind. The table is keyed
/// by the command line's own catalog, so a verb added without a case here fails.
@Suite struct EveryVerbJSONErrorTests {
    /// One deliberately bad run. In `arguments`, `{absent}` is a path that does not exist,
    /// `{missing}` a directory that does not exist, `{model}` an unsigned model directory
    /// and `{dir}` an empty directory.
    struct Case: Sendable {
        let arguments: [String]
        let kind: String

        static func usage(_ arguments: String...) -> Case { Case(arguments: arguments, kind: "usage") }
        static func badInput(_ arguments: String...) -> Case { Case(arguments: arguments, kind: "bad-input") }
    }

    /// Every word that can follow `artefact`: each verb, each verb's subcommands
    /// (`store init`), and the built-ins `help` and `version`.
    static var words: [String] {
        CommandCatalog.verbs.flatMap { verb in [verb.name] + verb.subcommands.map { "\(verb.name) \($0)" } }
            + CommandCatalog.builtins.map(\.name)
    }

    static let cases: [String: [Case]] = [
        "keygen": [.usage("keygen"), .badInput("keygen", "--out", "{missing}/key", "--unencrypted"),
                   .usage("keygen", "--out", "{dir}/k", "--type", "rsa"),
                   .usage("keygen", "--out", "{dir}/k", "--unencrypted", "--passphrase-file", "{absent}")],
        "key": [.usage("key"), .usage("key", "imprt", "{absent}")],
        "key import": [.usage("key", "import", "{absent}"), .badInput("key", "import", "{absent}", "--out", "{dir}/k"),
                       .badInput("key", "import", "{absent}", "--out", "{missing}/k"),
                       .usage("key", "import", "{absent}", "--out", "{dir}/k", "--unencrypted", "--passphrase-file", "{absent}")],
        "hash": [.badInput("hash", "{absent}"), .usage("hash", "{model}", "--jobs", "0"), .usage("hash", "{model}", "--shard-size", "1K")],
        "sign": [.usage("sign", "{model}"), .badInput("sign", "{model}", "--key", "{absent}"),
                 .usage("sign", "{model}", "--key", "{absent}", "--chain", "{absent}"),
                 .usage("sign", "{model}", "--key", "{absent}", "--append", "--force"),
                 .usage("sign", "{model}", "--key", "{absent}", "--classification", "secret"),
                 .usage("sign", "{model}", "--key", "{absent}", "--expires", "soon"),
                 .badInput("sign", "{model}", "--key", "{absent}", "--signature", "{missing}/x.sig")],
        "verify": [.usage("verify", "{model}"), .usage("verify", "{model}", "--key", "{absent}", "--policy", "{absent}"),
                   .usage("verify", "{model}", "--key", "{absent}", "--at", "yesterday"),
                   .badInput("verify", "{absent}", "--key", "{absent}"), .badInput("verify", "https://example.com/m", "--key", "{absent}")],
        "inspect": [.usage("inspect"), .badInput("inspect", "{absent}"), .badInput("inspect", "{model}")],
        "policy": [.usage("policy"), .usage("policy", "lint", "{absent}")],
        "policy check": [.badInput("policy", "check", "{absent}")],
        "store": [.usage("store"), .usage("store", "vrify", "{dir}")],
        "store init": [.usage("store", "init", "{dir}/s"), .usage("store", "init", "{dir}/s", "--environment", "prod"),
                       .badInput("store", "init", "{missing}/s", "--environment", "prod", "--policy", "{absent}")],
        "store list": [.badInput("store", "list", "{dir}"), .usage("store", "list", "{dir}", "--jobs", "2")],
        "store verify": [.badInput("store", "verify", "{dir}"), .usage("store", "verify", "{dir}", "--jobs", "none")],
        "store gc": [.badInput("store", "gc", "{dir}")],
        "transfer": [.usage("transfer"), .badInput("transfer", "{absent}", "{dir}"), .badInput("transfer", "{model}", "{missing}/out"),
                     .usage("transfer", "{model}", "{dir}/out", "--model", "@1.0")],
        "audit": [.usage("audit"), .usage("audit", "shwo", "{dir}")],
        "audit show": [.badInput("audit", "show", "{dir}"), .usage("audit", "show", "{dir}", "--since", "yesterday")],
        "audit verify": [.badInput("audit", "verify", "{dir}"), .usage("audit", "verify", "{dir}", "--note", "why")],
        "audit export": [.badInput("audit", "export", "{dir}")],
        "audit recover": [.badInput("audit", "recover", "{dir}")],
        "diff": [.usage("diff", "{dir}"), .badInput("diff", "{dir}", "{dir}")],
        "completion": [.usage("completion"), .usage("completion", "tcsh")],
        "completion bash": [.usage("completion", "bash", "zsh")],
        "completion zsh": [.usage("completion", "zsh", "--jobs", "2")],
        "completion fish": [.usage("completion", "fish", "--quiet")],
        "manpage": [.usage("manpage", "artefact")],
        "help": [.usage("help", "frobnicate"), .usage("help", "sign", "verify"), .usage("help", "--bogus")],
        "version": [.usage("version", "--bogus")],
    ]

    @Test(arguments: Self.words)
    func everyWordAnswersAFailureWithTheErrorDocument(_ word: String) throws {
        let cases = try #require(Self.cases[word], "no --json failure case for '\(word)': add one to EveryVerbJSONErrorTests.cases")
        #expect(!cases.isEmpty)
        let workspace = try Workspace()
        let model = try workspace.makeModel()
        try FileManager.default.createDirectory(atPath: workspace.path("dir"), withIntermediateDirectories: true)
        for testCase in cases {
            let arguments = testCase.arguments.map {
                $0.replacingOccurrences(of: "{absent}", with: workspace.path("absent"))
                    .replacingOccurrences(of: "{missing}", with: workspace.path("missing"))
                    .replacingOccurrences(of: "{model}", with: model)
                    .replacingOccurrences(of: "{dir}", with: workspace.path("dir"))
            }
            #expect(arguments.first == String(word.split(separator: " ")[0]), "a case of '\(word)' runs another verb: \(arguments)")
            let result = artefact(arguments + ["--json"], environment: Workspace.environment)
            try JSONDocumentTests.expectError(result, kind: testCase.kind, status: 2)
            #expect(!workspace.exists("missing"), "\(arguments) created the missing directory")
        }
    }

    /// The table holds no word the command line does not know (a renamed verb's stale case).
    @Test func theTableHoldsOnlyKnownWords() {
        #expect(Set(Self.cases.keys).subtracting(Self.words).isEmpty, "\(Set(Self.cases.keys).subtracting(Self.words))")
    }
}
