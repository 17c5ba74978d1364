import ArtefactCore

/// The command line's verbs and flags as data, read from the same `Command` types and
/// `FlagSpec` tables that parse arguments and print `--help`, so the man page and the shell
/// completions generated from it cannot drift from what the binary accepts.
enum CommandCatalog {
    /// One verb as completions and the man page see it.
    struct Verb {
        let name: String
        let summary: String
        let help: String
        /// Flags that take a value, sorted.
        let valuedFlags: [String]
        /// Flags that take none, sorted (`--help` and `-h` included).
        let booleanFlags: [String]
        /// Flags that may be given more than once, sorted (each also in `valuedFlags`).
        let repeatableFlags: [String]
        /// Words accepted as the first argument (`store init`, `completion bash`, `help sign`).
        let subcommands: [String]

        var allFlags: [String] { (valuedFlags + booleanFlags).sorted() }

        /// The flag's description from the verb's `--help` text: the words after the flag
        /// and its value name on the line that starts with it; nil when no line does.
        func description(of flag: String) -> String? {
            for line in help.split(separator: "\n") {
                let trimmed = line.drop { $0 == " " }
                guard trimmed.hasPrefix(flag + " ") else { continue }
                // The description starts after the first run of two or more spaces.
                var previousWasSpace = false
                var index = trimmed.startIndex
                while index < trimmed.endIndex {
                    let isSpace = trimmed[index] == " "
                    if isSpace && previousWasSpace {
                        let text = trimmed[index...].drop { $0 == " " }
                        return text.isEmpty ? nil : String(text)
                    }
                    previousWasSpace = isSpace
                    index = trimmed.index(after: index)
                }
            }
            return flag == "--help" || flag == "-h" ? "show this verb's help" : nil
        }
    }

    /// Every verb `artefact` dispatches to a `Command`, in `artefact help` order.
    static var verbs: [Verb] {
        ArtefactCommandLine.commands.map { command in
            Verb(name: command.name, summary: command.summary, help: command.help,
                 valuedFlags: command.flags.valued.sorted(), booleanFlags: command.flags.boolean.sorted(),
                 repeatableFlags: command.flags.repeatable.sorted(),
                 subcommands: command.subcommands)
        }
    }

    /// The words besides the verbs that `artefact` takes as its first argument.
    static var builtins: [(name: String, summary: String)] {
        [("help", "show the overview, or a verb's help"), ("version", "print the version")]
    }

    /// The verb `name`, or nil.
    static func verb(named name: String) -> Verb? { verbs.first { $0.name == name } }

    /// Every first word: the verbs, then `help` and `version`.
    static var firstWords: [String] { verbs.map(\.name) + builtins.map(\.name) }
}
