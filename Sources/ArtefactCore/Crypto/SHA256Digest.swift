/// A SHA-256 digest: 32 bytes, shown as lowercase hex (`description`), or with its
/// algorithm as OCI documents, store files, audit entries and messages name it
/// (`prefixed`, `sha256:<hex>`).
public struct SHA256Digest: Hashable, Sendable, CustomStringConvertible {
    public static let byteCount = 32
    /// What precedes the hex digits in the prefixed form.
    public static let prefix = "sha256:"
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) {
        precondition(bytes.count == Self.byteCount, "a SHA-256 digest is 32 bytes")
        self.bytes = bytes
    }

    /// Parses 64 lowercase hex digits; nil for anything else.
    public init?(hex: String) {
        guard hex.utf8.count == 64, let bytes = Hex.decode(hex), hex == Hex.encode(bytes) else { return nil }
        self.bytes = bytes
    }

    /// Parses `sha256:` followed by 64 lowercase hex digits; nil for anything else.
    public init?(prefixed text: String) {
        guard text.hasPrefix(Self.prefix) else { return nil }
        self.init(hex: String(text.dropFirst(Self.prefix.count)))
    }

    public var hex: String { Hex.encode(bytes) }
    public var description: String { hex }
    /// `sha256:<hex>`.
    public var prefixed: String { Self.prefix + hex }
}
