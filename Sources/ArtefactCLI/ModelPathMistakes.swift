import ArtefactCore

/// Common wrong paths given where a model or a bundle is expected, each answered with a
/// usage error (exit 2) that says what to run instead, before any work is done. Without
/// these the mistake surfaces later as a rejection (exit 1) or an operational failure (3)
/// that hides what was wrong.
enum ModelPathMistakes {
    /// A web URL where a registry or object storage was meant.
    static func refuseWebURL(_ path: String) throws {
        if path.hasPrefix("https://") || path.hasPrefix("http://") {
            throw ArtefactError.badInput("\(path) is a web URL; name a registry as oci://HOST[:PORT]/REPOSITORY "
                                         + "or object storage as s3://BUCKET/PREFIX")
        }
    }

    /// `path` names a model for `verb`: refuse a signature bundle or a store given instead.
    static func check(_ path: String, signature: String?, verb: String) throws {
        try refuseWebURL(path)
        let trimmed = trimmed(path)
        if StoreLayout.isStore(trimmed) {
            throw ArtefactError.badInput("\(path) is a model store, not a model: check the store with 'artefact store verify \(path)', "
                                         + "or take a model out of it with 'artefact transfer \(path) DIR --model NAME@VERSION'")
        }
        guard signature == nil, FileSystem.exists(trimmed), !FileSystem.isDirectory(trimmed), looksLikeBundle(trimmed),
              !FileSystem.exists(trimmed + ".sig") else { return }
        let model = FileSystem.baseName(trimmed) == ModelLocation.defaultBundleName
            ? FileSystem.directoryName(trimmed)
            : String(trimmed.dropLast(".sig".count))
        throw ArtefactError.badInput("\(path) is a signature bundle, not a model: name the model it signs ('artefact \(verb) \(model) ...'), "
                                     + "or give the bundle with --signature \(path)")
    }

    /// `path` names a signature bundle for `inspect`.
    static func checkBundlePath(_ path: String) throws {
        try refuseWebURL(path)
        let trimmed = trimmed(path)
        guard FileSystem.exists(trimmed) else { throw ArtefactError.badInput("\(path) does not exist; name a signature bundle") }
        guard FileSystem.isDirectory(trimmed) else { return }
        let inside = "\(trimmed)/\(ModelLocation.defaultBundleName)"
        let hint = FileSystem.exists(inside) ? "inspect its bundle: 'artefact inspect \(inside)'" : "name its signature bundle (a .sig file)"
        throw ArtefactError.badInput("\(path) is a directory, not a signature bundle; \(hint)")
    }

    private static func trimmed(_ path: String) -> String {
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        return trimmed
    }

    /// Whether the file parses as a signature bundle: a model file never does, so the
    /// check cannot misfire on a single-file model that happens to end in `.sig`.
    private static func looksLikeBundle(_ path: String) -> Bool {
        (try? SignatureBundle.read(path: path)) != nil
    }
}
