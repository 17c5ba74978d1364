/// Hashes files into OMS resources with artefact's parallel hasher: one SHA-256 per file,
/// or per shard of `shardSize` bytes (an OMS shard is the byte range the hasher already
/// splits large files into; a file no larger than a shard is one shard, hashed whole).
enum OMSResourceHasher {
    /// The resources of each entry, in offset order, aligned with `entries`.
    static func hash(_ entries: [OMSModelFiles.Entry], in tree: ScannedTree, serialization: OMSSerialization, jobs: Int,
                     progress: (ScannedTree) -> HashProgress?) throws -> [[OMSResource]] {
        let parameters = serialization.shardSize.map { HashingParameters(omsShardSize: $0) } ?? .files
        let hashTree = tree.keeping(files: entries.map(\.file))
        let hashed = try ParallelHasher(jobs: jobs, parameters: parameters).hash(hashTree, progress: progress(hashTree))
        return zip(entries, hashed).map { entry, file in
            let keys = layout(of: entry, serialization: serialization)
            let digests: [SHA256Digest]
            switch file.digest {
            case .whole(let digest): digests = keys.isEmpty ? [] : [digest]
            case .shards(let shards): digests = shards
            }
            return zip(keys, digests).map { OMSResource(key: $0, digest: $1) }
        }
    }

    /// How many resources OMS makes of a file of `size` bytes.
    static func resourceCount(ofSize size: Int64, serialization: OMSSerialization) -> Int64 {
        guard let shardSize = serialization.shardSize else { return 1 }
        return size / shardSize + (size % shardSize == 0 ? 0 : 1)
    }

    /// The resources OMS makes of one file, in offset order: the whole file, or shards of
    /// `shardSize` bytes with a shorter last one, none for an empty file
    /// (`_serialization/file_shard.py`, `_get_shards`).
    static func layout(of entry: OMSModelFiles.Entry, serialization: OMSSerialization) -> [OMSResourceKey] {
        guard let shardSize = serialization.shardSize else { return [OMSResourceKey(path: entry.name)] }
        var keys: [OMSResourceKey] = []
        var start: Int64 = 0
        while start < entry.file.size {
            let end = start + min(shardSize, entry.file.size - start)
            keys.append(OMSResourceKey(path: entry.name, range: start..<end))
            start = end
        }
        return keys
    }
}
