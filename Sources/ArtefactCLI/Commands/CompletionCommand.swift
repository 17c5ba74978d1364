import ArtefactCore

/// `artefact completion bash|zsh|fish`: print a shell completion script generated from the
/// command line's own verb and flag tables.
enum CompletionCommand: Command {
    static let name = "completion"
    static let summary = "print a bash, zsh or fish completion script"
    static let help = """
    Usage: artefact completion bash|zsh|fish [--json]

    Prints a completion script for the shell, generated from artefact's own verbs and flags.
    Install it where the shell looks (scripts/install.sh does this):
      bash  PREFIX/share/bash-completion/completions/artefact
      zsh   PREFIX/share/zsh/site-functions/_artefact
      fish  PREFIX/share/fish/vendor_completions.d/artefact.fish
    or load it for one session: source <(artefact completion bash)

      --json   print {"shell": SHELL, "script": TEXT} (with schemaVersion and ok) instead

    """
    static let flags = FlagSpec(boolean: ["--json"])
    static let subcommands = ShellCompletionScript.Shell.allCases.map(\.rawValue)

    static func run(_ arguments: ScannedArguments) throws -> Int32 {
        let word = try arguments.singlePositional(named: "a shell (bash, zsh or fish)", command: name)
        guard let shell = ShellCompletionScript.Shell(rawValue: word) else {
            throw ArtefactError.usage("no completion for shell '\(word)'; choose bash, zsh or fish")
        }
        let script = ShellCompletionScript.script(for: shell)
        if arguments.has("--json") {
            Console.outJSON(jsonObject([("shell", .string(shell.rawValue)), ("script", .string(script))]), ok: true)
        } else {
            Console.out(.verbatim(script))
        }
        return ExitStatus.success
    }
}
