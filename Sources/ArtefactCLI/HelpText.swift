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

    static func show(topic: String?) throws -> Int32 {
        guard let topic else {
            Console.out(.verbatim(overview))
            return ExitStatus.success
        }
        guard let command = ArtefactCommandLine.command(named: topic) else {
            throw ArtefactError.badInput("no help for '\(topic)'; run 'artefact help' for the list of verbs")
        }
        Console.out(.verbatim(command.help))
        return ExitStatus.success
    }
}
