/// The digest of one file: the SHA-256 of its bytes, or, in shard mode for a file larger
/// than the shard size, the SHA-256 of each fixed-size shard in order.
public enum FileDigest: Equatable, Sendable {
    case whole(SHA256Digest)
    case shards([SHA256Digest])

    /// The 32 bytes that stand for the file in the model digest: the whole-file digest,
    /// or the SHA-256 of the concatenated shard digests.
    public var combined: SHA256Digest {
        switch self {
        case .whole(let digest): return digest
        case .shards(let shards): return SHA256Hasher.digest(shards.flatMap(\.bytes))
        }
    }
}

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

/// One symbolic link of a model, recorded as a link with its target, never followed.
public struct ModelSymlink: Equatable, Sendable {
    public let path: String
    public let target: String

    public init(path: String, target: String) {
        self.path = path
        self.target = target
    }
}

/// Every file and symlink of a model, each list in canonical path order.
public struct ModelContents: Equatable, Sendable {
    public let files: [ModelFile]
    public let symlinks: [ModelSymlink]

    public init(files: [ModelFile], symlinks: [ModelSymlink]) {
        self.files = files.sorted { ModelPath.precedes($0.path, $1.path) }
        self.symlinks = symlinks.sorted { ModelPath.precedes($0.path, $1.path) }
    }

    /// The sum of the file sizes, saturating rather than overflowing on hostile sizes.
    public var totalBytes: Int64 {
        files.reduce(0) { $0.addingSaturated($1.size) }
    }
}
