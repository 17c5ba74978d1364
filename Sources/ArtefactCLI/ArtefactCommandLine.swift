import ArtefactCore

/// The command line: picks the verb, runs it, and turns every error into one line on
/// stderr and the exit code of its kind.
public enum ArtefactCommandLine {
    public static let version = "0.1.0"

    static var commands: [any Command.Type] { [
        KeygenCommand.self, HashCommand.self, SignCommand.self, VerifyCommand.self, InspectCommand.self, PolicyCommand.self,
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
        do {
            return try dispatch(arguments)
        } catch let error as ArtefactError {
            report(error)
            return ExitStatus.code(for: error.kind)
        } catch let interrupted as Interrupted {
            Console.error("artefact: interrupted by \(interrupted.signalName); \(interrupted.rerun)\n")
            return interrupted.exitCode
        } catch let error as SystemCallError {
            report(error.asArtefactError)
            return ExitStatus.code(for: error.asArtefactError.kind)
        } catch {
            report(.operational("unexpected failure: \(error)"))
            return ExitStatus.operational
        }
    }

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
            Console.out("artefact \(version)\n")
            return ExitStatus.success
        case "help", "--help", "-h":
            return try HelpText.show(topic: rest.first)
        default:
            guard let command = command(named: verb) else {
                let hint = NearestName.hint(for: verb, among: commands.map { $0.name })
                throw ArtefactError.badInput("unknown command '\(verb)'\(hint); run 'artefact help' for the list")
            }
            let scanned = try ScannedArguments(rest, spec: command.flags, command: command.name)
            if scanned.has("--help") {
                Console.out(.verbatim(command.help))
                return ExitStatus.success
            }
            return try command.run(scanned)
        }
    }

    static func command(named name: String) -> (any Command.Type)? {
        commands.first { $0.name == name }
    }
}
