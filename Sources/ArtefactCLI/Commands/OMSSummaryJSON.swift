import ArtefactCore

/// The summary of an OMS statement shown by `verify --json` and `inspect --json`: the
/// members of `ManifestSummaryJSON`, null where OMS signs nothing (version,
/// classification, times), and the serialization.
enum OMSSummaryJSON {
    static func encode(_ statement: OMSStatement) -> JSONValue {
        .object([
            ("name", .string(statement.name)),
            ("version", .null),
            ("classification", .null),
            ("createdAt", .null),
            ("expiresAt", .null),
            ("modelDigest", .string(statement.rootDigest.prefixed)),
            ("fileCount", .integer(pathCount(statement))),
            ("totalBytes", totalBytes(statement).map(JSONValue.integer) ?? .null),
            ("serialization", .string(statement.serialization.method.rawValue)),
            ("shardSize", statement.serialization.shardSize.map(JSONValue.integer) ?? .null),
            ("allowSymlinks", .bool(statement.serialization.allowSymlinks)),
            ("ignorePaths", .array(statement.serialization.ignorePaths.map(JSONValue.string))),
            ("resourceCount", .integer(statement.resources.count)),
        ])
    }

    /// The number of distinct files the resources cover.
    static func pathCount(_ statement: OMSStatement) -> Int {
        Set(statement.resources.map(\.key.path)).count
    }

    /// The bytes the shards cover; nil in files serialization, which lists no sizes.
    static func totalBytes(_ statement: OMSStatement) -> Int64? {
        guard statement.serialization.method == .shards else { return nil }
        return statement.resources.reduce(Int64(0)) { $0.addingSaturated(($1.key.range?.count).map(Int64.init) ?? 0) }
    }
}
