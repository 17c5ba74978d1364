import ArtefactCore

/// `artefact manpage`: print the artefact(1) man page, generated from the command line's
/// own verb and flag tables and help texts.
enum ManpageCommand: Command {
    static let name = "manpage"
    static let summary = "print the artefact(1) man page (roff)"
    static let help = """
    Usage: artefact manpage [--json]

    Prints the man page in roff, generated from every verb's help and flags.
    Read it with: artefact manpage | man -l -
    Install it as PREFIX/share/man/man1/artefact.1 (scripts/install.sh does this).

      --json   print {"section": 1, "roff": TEXT} (with schemaVersion and ok) instead

    """
    static let flags = FlagSpec(boolean: ["--json"])

    static func run(_ arguments: ScannedArguments) throws -> Int32 {
        guard arguments.positionals.isEmpty else {
            throw ArtefactError.usage("'manpage' takes no arguments; see 'artefact manpage --help'")
        }
        if arguments.has("--json") {
            Console.outJSON(jsonObject([("section", .integer(1)), ("roff", .string(ManPage.roff()))]), ok: true)
        } else {
            Console.out(.verbatim(ManPage.roff()))
        }
        return ExitStatus.success
    }
}
