import ArtefactCore

/// `artefact help --json` and `artefact help VERB --json` (or `VERB --help --json`): the
/// verbs, and one verb's flags, as JSON documents read from `CommandCatalog`, the same
/// tables that parse arguments, print `--help` and generate completions and the man page.
enum HelpDocument {
    /// The overview: version, verbs, the built-in words and the exit codes.
    static var overview: JSONValue {
        jsonObject([
            ("version", .string(ArtefactCommandLine.version)),
            ("verbs", .array(CommandCatalog.verbs.map { verb in
                jsonObject([("name", .string(verb.name)), ("summary", .string(verb.summary)),
                            ("subcommands", .array(verb.subcommands.map(JSONValue.string)))])
            })),
            ("builtins", .array(CommandCatalog.builtins.map { jsonObject([("name", .string($0.name)), ("summary", .string($0.summary))]) })),
            ("exitCodes", .array([
                (ExitStatus.success, "ok"), (ExitStatus.rejected, "rejected"), (ExitStatus.usage, "usage or bad input"),
                (ExitStatus.operational, "operational failure"),
            ].map { jsonObject([("code", .integer(Int($0.0))), ("meaning", .string($0.1))]) })),
        ])
    }

    /// One verb: its summary, subcommands, every flag it accepts and the `--help` text.
    static func verb(_ verb: CommandCatalog.Verb) -> JSONValue {
        jsonObject([
            ("verb", .string(verb.name)),
            ("summary", .string(verb.summary)),
            ("subcommands", .array(verb.subcommands.map(JSONValue.string))),
            ("flags", .array(verb.allFlags.map { flag in
                jsonObject([
                    ("name", .string(flag)),
                    ("takesValue", .bool(verb.valuedFlags.contains(flag))),
                    ("repeatable", .bool(verb.repeatableFlags.contains(flag))),
                    ("description", verb.description(of: flag).map(JSONValue.string) ?? .null),
                ])
            })),
            ("help", .string(verb.help)),
        ])
    }
}
