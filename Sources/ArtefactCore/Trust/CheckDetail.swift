/// What a check found beyond its one-line reason, for `--json` (`Docs/CLI.md`, "verify").
public enum CheckDetail: Sendable {
    /// The `signature` check: what each signature in the bundle proved.
    case signatures([SignatureNote])
    /// A failed `integrity` check: the paths whose content, size, link target or kind
    /// changed, the ones missing from disk, and the ones on disk the manifest lacks.
    case fileDifferences(mismatched: [String], missing: [String], extra: [String])

    /// The members this detail adds to the check's JSON object, in order.
    public var jsonMembers: [(String, JSONValue)] {
        switch self {
        case .signatures(let notes):
            return [("signatures", .array(notes.map(\.json)))]
        case let .fileDifferences(mismatched, missing, extra):
            return [("mismatched", .array(mismatched.map(JSONValue.string))), ("missing", .array(missing.map(JSONValue.string))),
                    ("extra", .array(extra.map(JSONValue.string)))]
        }
    }
}
