import ArtefactCore

/// The summary of a manifest shown by `verify --json` and `inspect --json`.
enum ManifestSummaryJSON {
    static func encode(_ manifest: ModelManifest) -> JSONValue {
        jsonObject([
            ("name", .string(manifest.name)),
            ("version", manifest.version.map(JSONValue.string) ?? .null),
            ("classification", .string(manifest.classification.rawValue)),
            ("createdAt", .string(manifest.createdAt.description)),
            ("expiresAt", manifest.expiresAt.map { .string($0.description) } ?? .null),
            ("modelDigest", .string(manifest.modelDigest.prefixed)),
            ("fileCount", .integer(manifest.contents.files.count)),
            ("totalBytes", .integer(manifest.contents.totalBytes)),
        ])
    }
}
