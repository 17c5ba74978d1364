/// What a listing of a model's prefix holds, compared with a signed manifest: the objects
/// are the model's files, by relative path and size; `model.sig` is the bundle; symlinks
/// are never objects (they are recorded in the signed manifest and recreated on pull or
/// export), so an object at a symlink's path is a difference. A signed file at the root
/// path `model.sig` cannot be told from the bundle: it is reported missing, so such a
/// model never verifies from a bucket (a push refuses it before it starts).
struct S3PrefixContents {
    /// The objects other than the bundle, keyed by their path relative to the prefix.
    let objects: [String: S3ObjectInfo]
    /// The bundle object, when there is one.
    let bundle: S3ObjectInfo?

    /// How many objects a listing may return beyond the model's own: enough for ignored
    /// leftovers (a `.git/` directory), few enough to bound memory on a hostile bucket.
    static let extraObjectAllowance = 100_000

    init(listing: [S3ObjectInfo], location: S3Location) {
        var objects: [String: S3ObjectInfo] = [:]
        var bundle: S3ObjectInfo?
        let prefix = location.listingPrefix
        for object in listing where object.key.hasPrefix(prefix) {
            let relative = String(object.key.dropFirst(prefix.count))
            if relative == S3Location.bundleName { bundle = object } else { objects[relative] = object }
        }
        self.objects = objects
        self.bundle = bundle
    }

    /// Lists `location`'s prefix through `client`, at most what `manifest` needs plus the allowance.
    static func list(_ location: S3Location, client: S3Client, fileCount: Int) throws -> S3PrefixContents {
        let listing = try client.listObjects(prefix: location.listingPrefix, limit: fileCount + 1 + extraObjectAllowance)
        return S3PrefixContents(listing: listing, location: location)
    }

    /// The differences in paths, sizes and kinds between these objects and `manifest`;
    /// objects the manifest's ignore rules cover are left out, as a directory verify leaves
    /// ignored files out (an object's every parent is a directory).
    func comparison(with manifest: ModelManifest) throws -> IntegrityComparison {
        let ignore = try IgnoreRules(patterns: manifest.ignore)
        let files = objects.compactMap { relative, object -> ModelFile? in
            Self.isIgnored(relative, by: ignore) ? nil : ModelFile(path: relative, size: object.size, digest: .shards([]))
        }
        let actual = ModelContents(files: files, symlinks: manifest.contents.symlinks)
        let expected = ModelContents(files: manifest.contents.files.map { ModelFile(path: $0.path, size: $0.size, digest: .shards([])) },
                                     symlinks: manifest.contents.symlinks)
        return IntegrityComparison(expected: expected, actual: actual)
    }

    private static func isIgnored(_ path: String, by rules: IgnoreRules) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        for end in parts.indices.dropLast() where rules.ignores(parts[...end].joined(separator: "/"), isDirectory: true) { return true }
        return rules.ignores(path, isDirectory: false)
    }
}
