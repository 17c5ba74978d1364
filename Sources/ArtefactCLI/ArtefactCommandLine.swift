import ArtefactCore

/// The command line: picks the verb, runs it, and turns every error into one line on
/// stderr and the exit code of its kind.
public enum ArtefactCommandLine {
    public static let version = "0.1.0"

    static var commands: [any Command.Type] { [
        KeygenCommand.self, KeyCommand.self, HashCommand.self, SignCommand.self, VerifyCommand.self, InspectCommand.self, PolicyCommand.self,
        StoreCommand.self, TransferCommand.self, AuditCommand.self, DiffCommand.self,
        CompletionCommand.self, ManpageCommand.self,
    ] }

    /// Runs `arguments` (without the program name) on the process's standard streams and
    /// environment, and returns the exit code.
    public static func run(_ arguments: [String]) -> Int32 {
        run(arguments, context: .process)
    }

    /// Runs `arguments` writing to `context.output` and reading `context.environment`, and
    /// returns the exit code. Runs on different tasks may go on at once.
    public static func run(_ arguments: [String], context: CommandContext) -> Int32 {
        CommandContext.$current.withValue(context) { runInCurrentContext(arguments) }
    }

    private static func runInCurrentContext(_ arguments: [String]) -> Int32 {
        let failure: ArtefactError
        do {
            return try dispatch(arguments)
        } catch let error as ArtefactError {
            failure = error
        } catch let interrupted as Interrupted {
            // Not one of the error kinds: its own exit code (128 + the signal), and with
            // --json an operational error document, so a pipe into jq still sees JSON.
            let message = "interrupted by \(interrupted.signalName); \(interrupted.rerun)"
            Console.error("artefact: \(message)\n")
            if JSONDocument.isRequested(arguments) { Console.outJSON(JSONDocument.failure(.operational(message)), ok: false) }
            return interrupted.exitCode
        } catch let error as SystemCallError {
            failure = error.asArtefactError
        } catch {
            failure = .operational("unexpected failure: \(error)")
        }
        // The one path every thrown failure takes: its line on stderr, and with --json the
        // error document on stdout too, so a pipe into jq sees JSON on every exit code. A
        // verb that printed its own report (verify, transfer, store verify, audit verify)
        // returns its exit code instead of throwing, so it never gets a second document.
        report(failure)
        if JSONDocument.isRequested(arguments) { Console.outJSON(JSONDocument.failure(failure), ok: false) }
        return ExitStatus.code(for: failure.kind)
    }

    /// The failure's line on stderr: `artefact: rejected: ...` or `artefact: error: ...`.
    static func report(_ error: ArtefactError) {
        let label = error.kind == .rejected ? "rejected" : "error"
        Console.error("artefact: \(label): \(error.message)\n")
    }

    private static func dispatch(_ arguments: [String]) throws -> Int32 {
        guard let verb = arguments.first else {
            Console.error(.verbatim(HelpText.overview))
            return ExitStatus.usage
        }
        let rest = Array(arguments.dropFirst())
        switch verb {
        case "--version", "version":
            if let stray = rest.first(where: { $0 != "--json" }) {
                throw ArtefactError.usage("'\(verb)' takes only --json, not \(stray)")
            }
            if rest.contains("--json") {
                Console.outJSON(jsonObject([("version", .string(version))]), ok: true)
                return ExitStatus.success
            }
            Console.out("artefact \(version)\n")
            return ExitStatus.success
        case "help", "--help", "-h":
            return try HelpText.show(rest)
        default:
            guard let command = command(named: verb) else {
                let hint = NearestName.hint(for: verb, among: commands.map { $0.name })
                throw ArtefactError.usage("unknown command '\(verb)'\(hint); run 'artefact help' for the list")
            }
            let scanned = try ScannedArguments(rest, spec: command.flags, command: command.name)
            if scanned.has("--help") {
                return try HelpText.show([command.name] + (scanned.has("--json") ? ["--json"] : []))
            }
            return try command.run(scanned)
        }
    }

    static func command(named name: String) -> (any Command.Type)? {
        commands.first { $0.name == name }
    }
}
