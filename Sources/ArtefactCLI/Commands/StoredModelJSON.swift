import ArtefactCore

/// A stored model as `store list --json` and `diff --json` show it.
enum StoredModelJSON {
    static func encode(_ model: StoredModel) -> JSONValue {
        jsonObject([
            ("name", .string(model.name)), ("version", model.version.map(JSONValue.string) ?? .null),
            ("classification", .string(model.classification)), ("modelDigest", .string(model.modelDigest)),
            ("manifestDigest", .string(model.manifest.digest.prefixed)), ("signed", .bool(model.bundleManifest != nil)),
        ])
    }
}
