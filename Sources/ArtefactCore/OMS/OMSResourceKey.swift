/// What one OMS resource stands for: a whole file (files serialization) or the byte range
/// `start..<end` of a file (shards serialization, named `path:start:end`). Mirrors
/// model_signing's `manifest.py` (`_File`, `_Shard`), whose keys a manifest compares.
public struct OMSResourceKey: Hashable, Sendable {
    public let path: String
    /// The byte range of a shard; nil for a whole file.
    public let range: Range<Int64>?

    public init(path: String, range: Range<Int64>? = nil) {
        self.path = path
        self.range = range
    }

    /// The resource name as OMS writes it: the path, or `path:start:end` for a shard.
    public var name: String {
        guard let range else { return path }
        return "\(path):\(range.lowerBound):\(range.upperBound)"
    }

    /// model_signing's order (its keys are dataclasses compared field by field, a path as
    /// the list of its components): component-wise by path, then by start and end.
    public static func precedes(_ lhs: OMSResourceKey, _ rhs: OMSResourceKey) -> Bool {
        if lhs.path != rhs.path {
            let left = lhs.path.split(separator: "/", omittingEmptySubsequences: false)
            let right = rhs.path.split(separator: "/", omittingEmptySubsequences: false)
            return left.lexicographicallyPrecedes(right) { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        }
        return (lhs.range?.lowerBound ?? 0, lhs.range?.upperBound ?? 0) < (rhs.range?.lowerBound ?? 0, rhs.range?.upperBound ?? 0)
    }

    /// Parses a resource name under `serialization`: a model path (FORMAT.md, "Paths": no
    /// `..`, no absolute path, no empty or `.` component), and in shards mode exactly two
    /// `:`-separated canonical decimal offsets after it with `start < end`. Anything else
    /// rejects the bundle.
    static func parse(_ name: String, shards: Bool) throws -> OMSResourceKey {
        guard shards else {
            if let problem = ModelPath.problem(with: name) { throw OMSFormat.reject("resource \"\(ModelPath.printable(name))\" has \(problem)") }
            return OMSResourceKey(path: name)
        }
        let parts = name.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw OMSFormat.reject("shard resource \"\(ModelPath.printable(name))\" is not PATH:START:END")
        }
        let path = String(parts[0])
        if let problem = ModelPath.problem(with: path) {
            throw OMSFormat.reject("shard resource \"\(ModelPath.printable(name))\" has \(problem)")
        }
        guard let start = canonicalOffset(parts[1]), let end = canonicalOffset(parts[2]), start < end else {
            throw OMSFormat.reject("shard resource \"\(ModelPath.printable(name))\" does not have offsets START < END in decimal")
        }
        return OMSResourceKey(path: path, range: start..<end)
    }

    /// A decimal offset without sign, spaces or leading zeros, that fits in an Int64.
    private static func canonicalOffset(_ text: Substring) -> Int64? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
              text == "0" || !text.hasPrefix("0") else { return nil }
        return Int64(text)
    }
}

