/// One regular file of a model: its path relative to the model root, size and digest.
public struct ModelFile: Equatable, Sendable {
    public let path: String
    public let size: Int64
    public let digest: FileDigest

    public init(path: String, size: Int64, digest: FileDigest) {
        self.path = path
        self.size = size
        self.digest = digest
    }
}
