/// Where a model and its signature bundle are, and which path inside the model the bundle
/// occupies (that path is then left out of hashing, and the exclusion is signed).
public struct ModelLocation: Sendable {
    public let modelPath: String
    public let bundlePath: String
    public let isDirectory: Bool
    /// The ignore pattern that leaves the bundle out, when the bundle lies inside the model.
    public let bundleExclusion: String?
    /// The bundle's path relative to the model directory, when the bundle lies inside it.
    public let bundleRelativePath: String?

    /// The bundle name used inside a model directory when none is given.
    public static let defaultBundleName = "model.sig"

    /// Locates `modelPath` and its bundle: `signaturePath` when given, otherwise
    /// `PATH/model.sig` for a directory and `PATH.sig` for a single file.
    public init(modelPath: String, signaturePath: String?) throws {
        guard FileSystem.exists(modelPath) else {
            throw ArtefactError.badInput("\(modelPath) does not exist; name a model directory or file")
        }
        var trimmed = modelPath
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.modelPath = trimmed
        isDirectory = FileSystem.isDirectory(trimmed)
        if let signaturePath {
            bundlePath = signaturePath
        } else {
            bundlePath = isDirectory ? "\(trimmed)/\(Self.defaultBundleName)" : "\(trimmed).sig"
        }
        bundleRelativePath = isDirectory ? Self.relativePath(of: bundlePath, insideModel: trimmed) : nil
        bundleExclusion = bundleRelativePath.map { "/" + Self.escapedForPattern($0) }
    }

    /// The ignore list a signature of this model records: the defaults, the bundle's own
    /// path when it lies inside the model, then `userPatterns`.
    /// A directory's root `model.sig` is never one of its files, wherever this bundle goes:
    /// it is where `verify`, `hash`, a transfer and an export put or look for the bundle, so
    /// a file there (a stale bundle, or a leftover that is no bundle) is left out with the
    /// signed pattern `/model.sig`, as `hash` leaves it out.
    public func ignorePatterns(adding userPatterns: [String]) -> [String] {
        let defaultBundle = "/" + Self.defaultBundleName
        let rootBundle = isDirectory && bundleExclusion != defaultBundle ? [defaultBundle] : []
        return IgnoreRules.defaultPatterns + rootBundle + (bundleExclusion.map { [$0] } ?? []) + userPatterns
    }

    /// The bundle's path relative to the model, or nil when the bundle lies outside the model.
    private static func relativePath(of bundlePath: String, insideModel modelPath: String) -> String? {
        guard let root = FileSystem.canonicalPath(modelPath),
              let directory = FileSystem.canonicalPath(FileSystem.directoryName(bundlePath))
        else { return nil }
        let relativeDirectory: String
        if directory == root {
            relativeDirectory = ""
        } else if directory.hasPrefix(root + "/") {
            relativeDirectory = String(directory.dropFirst(root.count + 1)) + "/"
        } else {
            return nil
        }
        return relativeDirectory + FileSystem.baseName(bundlePath)
    }

    /// `path` with the wildcard characters escaped, so a pattern matches it alone.
    static func escapedForPattern(_ path: String) -> String {
        var escaped = ""
        for character in path {
            if "*?[\\".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
