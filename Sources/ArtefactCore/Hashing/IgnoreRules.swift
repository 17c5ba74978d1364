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

    /// Whether a pattern that is matched against base names ignores an entry named `name`.
    public func ignoresByName(_ name: String, isDirectory: Bool) -> Bool {
        patterns.contains { !Self.isAnchored($0) && Self.matches($0, path: name, isDirectory: isDirectory) }
    }

    /// Whether an anchored pattern ignores the entry at `path`.
    public func ignoresAnchored(_ path: String, isDirectory: Bool) -> Bool {
        patterns.contains { Self.isAnchored($0) && Self.matches($0, path: path, isDirectory: isDirectory) }
    }

    /// The numbers of components of the paths the anchored patterns can match, or nil when
    /// a pattern's form leaves that open. With `FNM_PATHNAME` no wildcard or bracket
    /// matches `/`, so a pattern matches only paths with as many `/` as it has outside
    /// brackets; a bracket that holds `/` or a character class is left undecided.
    public var anchoredComponentCounts: Set<Int>? {
        var counts = Set<Int>()
        for pattern in patterns where Self.isAnchored(pattern) {
            var body = Array(pattern.utf8)
            if body.last == UInt8(ascii: "/") { body.removeLast() }
            if body.first == UInt8(ascii: "/") { body.removeFirst() }
            guard let slashes = Self.slashesOutsideBrackets(body) else { return nil }
            counts.insert(slashes + 1)
        }
        return counts
    }

    private static func isAnchored(_ pattern: String) -> Bool {
        var body = Substring(pattern)
        if body.hasSuffix("/") { body = body.dropLast() }
        return body.contains("/")
    }

    private static func slashesOutsideBrackets(_ body: [UInt8]) -> Int? {
        var count = 0
        var index = 0
        while index < body.count {
            switch body[index] {
            case UInt8(ascii: "\\"):
                if index + 1 < body.count, body[index + 1] == UInt8(ascii: "/") { count += 1 }
                index += 2
            case UInt8(ascii: "["):
                var end = index + 1
                if end < body.count, body[end] == UInt8(ascii: "!") || body[end] == UInt8(ascii: "^") { end += 1 }
                if end < body.count, body[end] == UInt8(ascii: "]") { end += 1 }
                while end < body.count, body[end] != UInt8(ascii: "]") { end += body[end] == UInt8(ascii: "\\") ? 2 : 1 }
                guard end < body.count else { index += 1; continue }
                if body[index...end].contains(UInt8(ascii: "/")) || body[index...end].contains(UInt8(ascii: ":")) { return nil }
                index = end + 1
            case UInt8(ascii: "/"):
                count += 1
                index += 1
            default:
                index += 1
            }
        }
        return count
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
        return Wildcard.matches(String(body), subject, slashesAreSeparators: anchored)
    }
}
