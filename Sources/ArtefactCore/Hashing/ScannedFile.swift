/// A regular file found by the scanner, not yet hashed.
public struct ScannedFile: Equatable, Sendable {
    public let path: String
    public let size: Int64
}
