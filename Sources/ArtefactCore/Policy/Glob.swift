/// Shell-style wildcards (`*`, `?`, `[...]`) for model names and certificate identities.
/// Unlike ignore patterns, `*` here matches any characters, `/` and `,` included.
public struct Glob: Equatable, Sendable, CustomStringConvertible {
    public let pattern: String

    public init(_ pattern: String) { self.pattern = pattern }

    public func matches(_ text: String) -> Bool { Wildcard.matches(pattern, text) }

    public var description: String { pattern }

    /// Whether every name this glob's `other` matches is also matched by this glob, as far
    /// as a cheap check can tell: `*`, the same pattern, a literal it matches, or a
    /// `prefix*` pattern whose prefix starts the other's literal prefix.
    public func covers(_ other: Glob) -> Bool {
        if pattern == "*" || pattern == other.pattern { return true }
        let wildcards: Set<Character> = ["*", "?", "["]
        if !other.pattern.contains(where: { wildcards.contains($0) }) { return matches(other.pattern) }
        if pattern.hasSuffix("*") {
            let prefix = pattern.dropLast()
            if !prefix.contains(where: { wildcards.contains($0) }) {
                let otherPrefix = other.pattern.prefix { !wildcards.contains($0) }
                return otherPrefix.hasPrefix(prefix)
            }
        }
        return false
    }
}
