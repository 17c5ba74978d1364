/// Compares a model directory with the resources an OMS statement lists, as model_signing
/// compares its two manifests (`verifying.py`): the same set of files (or shards), each
/// with the same digest. Differences are reported by path, as artefact's own integrity
/// check reports them. A file whose shard layout on disk (from its size) is not the one
/// listed is a mismatch without being read, so the bytes hashed never exceed what the
/// bundle lists, whatever shard size it names.
struct OMSIntegrity {
    var mismatched: [String] = []
    var missing: [String] = []
    var extra: [String] = []
    /// The number of resources that matched.
    var matched = 0

    var isClean: Bool { mismatched.isEmpty && missing.isEmpty && extra.isEmpty }

    var comparison: CheckDetail { .fileDifferences(mismatched: mismatched, missing: missing, extra: extra) }

    /// Hashes what needs hashing of `files` on `jobs` threads and compares.
    static func check(_ files: OMSModelFiles, against statement: OMSStatement, jobs: Int,
                      progress: (ScannedTree) -> HashProgress?) throws -> OMSIntegrity {
        let serialization = statement.serialization
        var expected: [String: [OMSResourceKey: SHA256Digest]] = [:]
        for resource in statement.resources { expected[resource.key.path, default: [:]][resource.key] = resource.digest }
        var result = OMSIntegrity()
        var toHash: [(entry: OMSModelFiles.Entry, keys: [OMSResourceKey])] = []
        var onDisk = Set<String>()
        for entry in files.entries {
            onDisk.insert(entry.name)
            guard let listed = expected[entry.name] else {
                // model_signing lists no shard for an empty file, so one it does not list is no difference.
                if serialization.method == .files || entry.file.size > 0 { result.extra.append(entry.name) }
                continue
            }
            // Counted before the layout is made, so a tiny shard size cannot make a huge one.
            guard shardCount(of: entry.file.size, serialization: serialization) == Int64(listed.count) else {
                result.mismatched.append(entry.name)
                continue
            }
            let keys = layout(of: entry, serialization: serialization)
            if Set(listed.keys) == Set(keys) { toHash.append((entry, keys)) } else { result.mismatched.append(entry.name) }
        }
        result.missing = expected.keys.filter { !onDisk.contains($0) }
        let parameters = serialization.shardSize.map { HashingParameters(omsShardSize: $0) } ?? .files
        let hashTree = files.tree.keeping(files: toHash.map(\.entry.file))
        let hashed = try ParallelHasher(jobs: jobs, parameters: parameters).hash(hashTree, progress: progress(hashTree))
        for ((entry, keys), file) in zip(toHash, hashed) {
            let digests: [SHA256Digest]
            switch file.digest {
            case .whole(let digest): digests = [digest]
            case .shards(let shards): digests = shards
            }
            let listed = expected[entry.name] ?? [:]
            if digests.count == keys.count && zip(keys, digests).allSatisfy({ listed[$0] == $1 }) {
                result.matched += keys.count
            } else {
                result.mismatched.append(entry.name)
            }
        }
        result.mismatched.sort(by: ModelPath.precedes)
        result.missing.sort(by: ModelPath.precedes)
        result.extra.sort(by: ModelPath.precedes)
        return result
    }

    /// How many resources OMS makes of a file of `size` bytes.
    static func shardCount(of size: Int64, serialization: OMSSerialization) -> Int64 {
        guard let shardSize = serialization.shardSize else { return 1 }
        return size / shardSize + (size % shardSize == 0 ? 0 : 1)
    }

    /// The resources OMS makes of one file, in offset order: the whole file, or shards of
    /// `shardSize` bytes with a shorter last one, none for an empty file
    /// (`file_shard.py`, `_get_shards`).
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

    /// A one-line summary of the differences, at most three paths per kind.
    var summary: String {
        IntegrityComparison.describe(mismatched: mismatched, missing: missing, extra: extra)
    }
}
