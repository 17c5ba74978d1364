/// How a model's files are hashed. Signed into the payload, and re-applied by verify.
public struct HashingParameters: Equatable, Sendable {
    /// The only algorithm: SHA-256.
    public static let algorithm = "sha256"
    /// The smallest shard size accepted, so that a typo cannot make millions of shards.
    public static let minimumShardSize: Int64 = 1 << 20

    /// In shard mode, the shard size in bytes; nil in files mode.
    public let shardSize: Int64?

    public init(shardSize: Int64?) throws {
        if let shardSize, shardSize < Self.minimumShardSize {
            throw ArtefactError.badInput("shard size \(shardSize) is below the minimum of \(Self.minimumShardSize) bytes (1 MiB)")
        }
        self.shardSize = shardSize
    }

    /// An OMS bundle's shard size, which its signer chose and which may be below the
    /// minimum: the OMS verifier bounds its work by the shards the bundle lists instead.
    init(omsShardSize: Int64) {
        shardSize = omsShardSize
    }

    public static let files = try! HashingParameters(shardSize: nil)

    public var modeName: String { shardSize == nil ? "files" : "shards" }

    /// Whether a file of this size is hashed as shards.
    public func isSharded(size: Int64) -> Bool {
        guard let shardSize else { return false }
        return size > shardSize
    }
}
