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
