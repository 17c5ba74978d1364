import ArtefactCore

/// Every JSON document the command line prints (see `Docs/CLI.md`, "JSON output"): an
/// object that opens with `"schemaVersion"` and `"ok"`, then the verb's own fields. Built
/// here and only here, so no verb can forget either field or spell them differently.
enum JSONDocument {
    /// Raised only when a field is renamed, removed or changes type; adding a field keeps it.
    static let schemaVersion = 1

    /// `fields` (an object) behind `schemaVersion` and `ok`. `ok` is true exactly when the
    /// run exits 0.
    static func make(ok: Bool, _ fields: JSONValue) -> JSONValue {
        let header: [(String, JSONValue)] = [("schemaVersion", .integer(schemaVersion)), ("ok", .bool(ok))]
        guard case .object(let members) = fields else { return .object(header + [("result", fields)]) }
        return .object(header + members.filter { $0.0 != "schemaVersion" && $0.0 != "ok" })
    }

    /// The fields of a run that failed without a report of its own: `{"error": {"kind", "message"}}`.
    static func failure(_ error: ArtefactError) -> JSONValue {
        jsonObject([("error", jsonObject([("kind", .string(kindName(error.kind))), ("message", .string(error.message))]))])
    }

    static func kindName(_ kind: ArtefactError.Kind) -> String {
        switch kind {
        case .usage: return "usage"
        case .badInput: return "bad-input"
        case .rejected: return "rejected"
        case .operational: return "operational"
        }
    }

    /// Whether the command line asks for JSON: `--json` anywhere before a `--`. Read from
    /// the raw arguments so a run that fails while they are being scanned still answers
    /// in JSON.
    static func isRequested(_ arguments: [String]) -> Bool {
        arguments.prefix { $0 != "--" }.contains("--json")
    }
}
