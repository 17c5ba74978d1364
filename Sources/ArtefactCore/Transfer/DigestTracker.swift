/// Hashes a file's bytes as they stream past: the whole-file digest always, and in shard
/// mode each shard's digest, compared with the signed ones as shards complete.
struct DigestTracker {
    let expected: FileDigest
    let shardSize: Int64?
    let worker: CopyWorker
    var shardFill: Int64 = 0
    var shardDigests: [SHA256Digest] = []

    init(expected: FileDigest, hashing: HashingParameters, size: Int64, worker: CopyWorker) {
        self.expected = expected
        self.shardSize = hashing.isSharded(size: size) ? hashing.shardSize : nil
        self.worker = worker
        worker.whole.reset()
        worker.shard.reset()
    }

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        worker.whole.update(bytes)
        guard let shardSize else { return }
        var rest = bytes
        while !rest.isEmpty {
            let take = Int(min(Int64(rest.count), shardSize - shardFill))
            worker.shard.update(UnsafeRawBufferPointer(rebasing: rest[0..<take]))
            shardFill += Int64(take)
            rest = UnsafeRawBufferPointer(rebasing: rest[take...])
            if shardFill == shardSize {
                shardDigests.append(worker.shard.finish())
                shardFill = 0
            }
        }
    }

    /// The whole-file digest, and whether the bytes match the signed digest.
    mutating func finish() -> (SHA256Digest, Bool) {
        let whole = worker.whole.finish()
        switch expected {
        case .whole(let digest):
            return (whole, whole == digest)
        case .shards(let expectedShards):
            if shardFill > 0 { shardDigests.append(worker.shard.finish()) }
            return (whole, shardDigests == expectedShards)
        }
    }
}
