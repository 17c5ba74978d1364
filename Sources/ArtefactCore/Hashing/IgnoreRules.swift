import Glibc

/// Patterns of paths left out of a model, with gitignore-like meaning (see
/// `Docs/FORMAT.md`, "Ignore patterns"):
/// - a trailing `/` matches directories only;
/// - a pattern with a `/` elsewhere (a leading one included) is anchored at the model root
///   and matched against the whole relative path;
/// - any other pattern is matched against the last component, at any depth.
/// `*`, `?` and `[...]` are `fnmatch(3)` wildcards; `*` does not cross `/`.
public struct IgnoreRules: Equatable, Sendable {
    /// The patterns, as recorded in the signed payload.
    public let patterns: [String]

    /// The ignore pattern every model gets: version-control data.
    public static let defaultPatterns = [".git/"]

    public init(patterns: [String]) throws {
        for pattern in patterns {
            if pattern.isEmpty || pattern == "/" || pattern.unicodeScalars.contains(where: { $0.value < 0x20 }) {
                throw ArtefactError.badInput("ignore pattern \"\(pattern)\" is empty or has control characters")
            }
        }
        self.patterns = patterns
    }

    /// Whether the entry at `path` (relative, model-path form) is ignored.
    public func ignores(_ path: String, isDirectory: Bool) -> Bool {
        patterns.contains { Self.matches($0, path: path, isDirectory: isDirectory) }
    }

    private static func matches(_ pattern: String, path: String, isDirectory: Bool) -> Bool {
        var body = Substring(pattern)
        if body.hasSuffix("/") {
            guard isDirectory else { return false }
            body = body.dropLast()
        }
        let anchored = body.contains("/")
        if body.hasPrefix("/") { body = body.dropFirst() }
        let subject = anchored ? path : FileSystem.baseName(path)
        return fnmatch(String(body), subject, anchored ? FNM_PATHNAME : 0) == 0
    }
}
