import ArtefactCore

/// `artefact help`, and the overview shown when no verb is given.
enum HelpText {
    static var overview: String {
        var text = """
        artefact \(ArtefactCommandLine.version): sign, verify and move machine-learning model artefacts

        Usage: artefact VERB [ARGUMENTS]

        Verbs:

        """
        for command in ArtefactCommandLine.commands {
            let padded = command.name + String(repeating: " ", count: max(1, 10 - command.name.count))
            text += "  \(padded)\(command.summary)\n"
        }
        text += """

        Run 'artefact help VERB' or 'artefact VERB --help' for a verb's flags.
        Exit codes: 0 ok, 1 rejected, 2 usage or bad input, 3 operational failure.

        """
        return text
    }

    /// `artefact help [VERB] [--json]`: the overview, or a verb's help; with `--json`, the
    /// same as a `HelpDocument`.
    static func show(_ arguments: [String]) throws -> Int32 {
        let json = JSONDocument.isRequested(arguments)
        // `--help` after `help` asks for the same thing again; `--` ends the flags.
        var words: [String] = []
        var flagsEnded = false
        for argument in arguments {
            if !flagsEnded && argument == "--" { flagsEnded = true; continue }
            if !flagsEnded && ["--json", "--help", "-h"].contains(argument) { continue }
            if !flagsEnded && argument.hasPrefix("-") && argument != "-" {
                throw ArtefactError.usage("unknown flag \(argument) for 'help'; it takes --json and at most one verb")
            }
            words.append(argument)
        }
        guard words.count <= 1 else {
            throw ArtefactError.usage("'help' takes one verb at most, but got \(words.count): \(words.joined(separator: " "))")
        }
        guard let topic = words.first else {
            if json { Console.outJSON(HelpDocument.overview, ok: true) } else { Console.out(.verbatim(overview)) }
            return ExitStatus.success
        }
        guard let verb = CommandCatalog.verb(named: topic) else {
            let hint = NearestName.hint(for: topic, among: CommandCatalog.verbs.map(\.name))
            throw ArtefactError.usage("no help for '\(topic)'\(hint); run 'artefact help' for the list of verbs")
        }
        if json { Console.outJSON(HelpDocument.verb(verb), ok: true) } else { Console.out(.verbatim(verb.help)) }
        return ExitStatus.success
    }
}
