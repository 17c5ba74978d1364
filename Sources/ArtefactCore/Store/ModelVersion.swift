/// A model version, ordered for rollback protection (see `Docs/STORE.md`, "Versions"):
/// dotted numeric components compared as numbers (missing ones count as 0), then an
/// optional semantic-version pre-release (`-rc.1`), which sorts before its release.
/// Build metadata after `+` and a leading `v` are ignored in ordering but kept in the text.
///
/// This is the one comparison that decides whether two spellings are the same version:
/// rollback state, the same-version-different-content check, `--model NAME@VERSION`,
/// pulls, listings and `diff` all use it. Equal versions share one `canonical` spelling.
public struct ModelVersion: Comparable, Hashable, Sendable, CustomStringConvertible {
    public let text: String
    let numbers: [UInt64]
    let preRelease: [String]

    public init?(_ text: String) {
        var core = Substring(text)
        if let plus = core.firstIndex(of: "+") { core = core[..<plus] }
        var pre: [String] = []
        if let dash = core.firstIndex(of: "-") {
            pre = core[core.index(after: dash)...].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            core = core[..<dash]
            guard !pre.isEmpty, pre.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } && $0.allSatisfy(\.isASCII) })
            else { return nil }
        }
        var trimmed = core
        if trimmed.hasPrefix("v") { trimmed = trimmed.dropFirst() }
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard !parts.isEmpty else { return nil }
        var numbers: [UInt64] = []
        for part in parts {
            guard !part.isEmpty, part.allSatisfy({ $0.isASCII && $0.isNumber }), let value = UInt64(part) else { return nil }
            numbers.append(value)
        }
        self.text = text
        self.numbers = numbers
        self.preRelease = pre
    }

    public var description: String { text }

    /// The spelling every equal version shares: no `v`, no build metadata, no trailing `.0`
    /// components (but at least one number), numeric pre-release identifiers as plain numbers.
    public var canonical: String {
        var significant = numbers
        while significant.count > 1 && significant.last == 0 { significant.removeLast() }
        let release = significant.map(String.init).joined(separator: ".")
        guard !preRelease.isEmpty else { return release }
        return release + "-" + preRelease.map { UInt64($0).map(String.init) ?? $0 }.joined(separator: ".")
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(canonical) }

    /// Whether two version texts name the same version: equal as versions when both parse,
    /// byte for byte otherwise (an absent version equals only an absent one).
    public static func same(_ lhs: String?, _ rhs: String?) -> Bool { key(lhs) == key(rhs) }

    /// A key that is equal for two texts exactly when `same` says they are.
    public static func key(_ text: String?) -> String {
        guard let text else { return "\u{0}" }
        return ModelVersion(text).map { "v" + $0.canonical } ?? "=" + text
    }

    /// Orders version texts: parsable versions by version order, before anything else,
    /// which sorts by its text.
    public static func precedes(_ lhs: String?, _ rhs: String?) -> Bool {
        switch (lhs.flatMap(ModelVersion.init), rhs.flatMap(ModelVersion.init)) {
        case let (left?, right?): return left < right || (left == right && (lhs ?? "") < (rhs ?? ""))
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return (lhs ?? "") < (rhs ?? "")
        }
    }

    public static func == (lhs: ModelVersion, rhs: ModelVersion) -> Bool { compare(lhs, rhs) == 0 }
    public static func < (lhs: ModelVersion, rhs: ModelVersion) -> Bool { compare(lhs, rhs) < 0 }

    private static func compare(_ lhs: ModelVersion, _ rhs: ModelVersion) -> Int {
        for index in 0..<max(lhs.numbers.count, rhs.numbers.count) {
            let left = index < lhs.numbers.count ? lhs.numbers[index] : 0
            let right = index < rhs.numbers.count ? rhs.numbers[index] : 0
            if left != right { return left < right ? -1 : 1 }
        }
        switch (lhs.preRelease.isEmpty, rhs.preRelease.isEmpty) {
        case (true, true): return 0
        case (true, false): return 1
        case (false, true): return -1
        case (false, false): break
        }
        for (left, right) in zip(lhs.preRelease, rhs.preRelease) where left != right {
            switch (UInt64(left), UInt64(right)) {
            case let (l?, r?) where l == r: continue
            case let (l?, r?): return l < r ? -1 : 1
            case (.some, nil): return -1
            case (nil, .some): return 1
            case (nil, nil): return left < right ? -1 : 1
            }
        }
        return lhs.preRelease.count == rhs.preRelease.count ? 0 : (lhs.preRelease.count < rhs.preRelease.count ? -1 : 1)
    }
}
