/// Where a model lives in object storage: `s3://BUCKET/PREFIX`. Every file of the model is
/// the object `PREFIX/<relative path>` and its bundle is `PREFIX/model.sig` (see
/// `Docs/FORMAT.md`, "Layout in a bucket").
public struct S3Location: Sendable, Equatable, CustomStringConvertible {
    public static let scheme = "s3://"
    /// The bundle's name under the prefix.
    public static let bundleName = "model.sig"

    public let bucket: String
    /// The key prefix without a trailing slash; empty for the bucket's root.
    public let prefix: String

    public init(parsing text: String) throws {
        guard text.hasPrefix(Self.scheme) else { throw ArtefactError.badInput("\(text) is not an s3://BUCKET/PREFIX address") }
        let rest = text.dropFirst(Self.scheme.count)
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let bucket = String(rest[..<slash])
        guard Self.isValidBucket(bucket) else {
            throw ArtefactError.badInput("\"\(bucket)\" in \(text) is not a valid bucket name (3 to 63 lowercase letters, digits, dots and hyphens)")
        }
        var prefix = slash == rest.endIndex ? "" : String(rest[rest.index(after: slash)...])
        while prefix.hasSuffix("/") { prefix.removeLast() }
        let segments = prefix.split(separator: "/", omittingEmptySubsequences: false)
        guard prefix.isEmpty || segments.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }),
              prefix.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x7F }), prefix.utf8.count <= 512 else {
            throw ArtefactError.badInput("\"\(prefix)\" in \(text) is not a usable key prefix (no empty, . or .. segments, no control characters, at most 512 bytes)")
        }
        self.bucket = bucket
        self.prefix = prefix
    }

    /// The key of the model file at `relativePath` (a signed, already validated model path).
    public func key(for relativePath: String) -> String { prefix.isEmpty ? relativePath : "\(prefix)/\(relativePath)" }

    /// The key of the bundle.
    public var bundleKey: String { key(for: Self.bundleName) }

    /// What a listing of the model's objects asks for: the prefix and a slash.
    public var listingPrefix: String { prefix.isEmpty ? "" : "\(prefix)/" }

    public var description: String { "\(Self.scheme)\(bucket)\(prefix.isEmpty ? "" : "/" + prefix)" }

    /// S3's rules for bucket names that work in both addressing styles.
    static func isValidBucket(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (3...63).contains(bytes.count) else { return false }
        let allowed = bytes.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D }
        let alphanumeric = { (byte: UInt8) in (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) }
        return allowed && alphanumeric(bytes.first!) && alphanumeric(bytes.last!) && !name.contains("..")
    }
}
