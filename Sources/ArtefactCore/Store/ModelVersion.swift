/// A model version, ordered for rollback protection (see `Docs/STORE.md`, "Versions"):
/// dotted numeric components compared as numbers (missing ones count as 0), then an
/// optional semantic-version pre-release (`-rc.1`), which sorts before its release.
/// Build metadata after `+` is ignored in ordering but kept in the text.
public struct ModelVersion: Comparable, Sendable, CustomStringConvertible {
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
