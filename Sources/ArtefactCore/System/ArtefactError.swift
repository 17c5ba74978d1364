/// The one error vocabulary of artefact. Every failure a caller can act on is one of three
/// kinds, and every error carries a sentence that says what went wrong and what to do.
///
/// The kinds map one-to-one onto the command-line exit codes (see `Docs/CLI.md`), but the
/// library itself knows nothing of exit codes.
public struct ArtefactError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The artefact failed a check: integrity, signature, trust or policy.
        case rejected
        /// The caller asked for something malformed: bad flags, an unreadable key, a bad path.
        case badInput
        /// The command line itself was malformed: an unknown verb, subcommand or flag, a
        /// flag without its value, a missing or extra argument. Exits as bad input does;
        /// told apart only so `--json` can say "usage".
        case usage
        /// The environment failed us: an I/O error, a full disk, a lost connection.
        case operational
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public static func rejected(_ message: String) -> ArtefactError { .init(.rejected, message) }
    public static func badInput(_ message: String) -> ArtefactError { .init(.badInput, message) }
    public static func usage(_ message: String) -> ArtefactError { .init(.usage, message) }
    public static func operational(_ message: String) -> ArtefactError { .init(.operational, message) }

    public var description: String { message }
}
