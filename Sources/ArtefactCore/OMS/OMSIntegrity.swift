/// Compares a model directory with the resources an OMS statement lists, as model_signing
/// compares its two manifests (`verifying.py`): the same set of files (or shards), each
/// with the same digest. Differences are reported by path, as artefact's own integrity
/// check reports them. A file whose shard count on disk (from its size) is not the one
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

    /// A one-line summary of the differences, at most three paths per kind.
    var summary: String { IntegrityComparison.describe(mismatched: mismatched, missing: missing, extra: extra) }

    /// Hashes what needs hashing of `files` on `jobs` threads and compares.
    static func check(_ files: OMSModelFiles, against statement: OMSStatement, jobs: Int,
                      progress: (ScannedTree) -> HashProgress?) throws -> OMSIntegrity {
        let serialization = statement.serialization
        var expected: [String: [OMSResourceKey: SHA256Digest]] = [:]
        for resource in statement.resources { expected[resource.key.path, default: [:]][resource.key] = resource.digest }
        var result = OMSIntegrity()
        var toHash: [OMSModelFiles.Entry] = []
        for entry in files.entries {
            guard let listed = expected[entry.name] else {
                // model_signing lists no shard for an empty file, so one it does not list is no difference.
                if serialization.method == .files || entry.file.size > 0 { result.extra.append(entry.name) }
                continue
            }
            // Counted before any layout is made, so a tiny shard size cannot make a huge one.
            if OMSResourceHasher.resourceCount(ofSize: entry.file.size, serialization: serialization) == Int64(listed.count),
               Set(OMSResourceHasher.layout(of: entry, serialization: serialization)) == Set(listed.keys) {
                toHash.append(entry)
            } else {
                result.mismatched.append(entry.name)
            }
        }
        let onDisk = Set(files.entries.map(\.name))
        result.missing = expected.keys.filter { !onDisk.contains($0) }
        let hashed = try OMSResourceHasher.hash(toHash, in: files.tree, serialization: serialization, jobs: jobs, progress: progress)
        for (entry, resources) in zip(toHash, hashed) {
            let listed = expected[entry.name] ?? [:]
            if resources.allSatisfy({ listed[$0.key] == $0.digest }) {
                result.matched += resources.count
            } else {
                result.mismatched.append(entry.name)
            }
        }
        result.mismatched.sort(by: ModelPath.precedes)
        result.missing.sort(by: ModelPath.precedes)
        result.extra.sort(by: ModelPath.precedes)
        return result
    }
}
