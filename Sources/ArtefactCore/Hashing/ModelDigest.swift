/// The one digest that stands for a whole model (see `Docs/FORMAT.md`, "Model digest").
///
/// SHA-256 over a domain-separation header and, for every entry in canonical path order,
/// a length-prefixed record of its kind, path, and size and digest (a file) or target
/// (a symlink). Any change to a path, a size, a byte, a link or the shard size changes it.
public enum ModelDigest {
    public static let domain = Array("artefact-model-digest-v1".utf8)

    public static func compute(_ contents: ModelContents, parameters: HashingParameters) -> SHA256Digest {
        let hasher = SHA256Hasher()
        hasher.update(domain)
        hasher.update(bigEndian(UInt64(parameters.shardSize ?? 0)))
        var records: [(String, [UInt8])] = []
        for file in contents.files {
            let path = Array(file.path.utf8)
            records.append((file.path, [UInt8(ascii: "F")] + bigEndian(UInt64(path.count)) + path
                + bigEndian(UInt64(file.size)) + file.digest.combined.bytes))
        }
        for link in contents.symlinks {
            let path = Array(link.path.utf8)
            let target = Array(link.target.utf8)
            records.append((link.path, [UInt8(ascii: "L")] + bigEndian(UInt64(path.count)) + path
                + bigEndian(UInt64(target.count)) + target))
        }
        for record in records.sorted(by: { ModelPath.precedes($0.0, $1.0) }) {
            hasher.update(record.1)
        }
        return hasher.finish()
    }

    private static func bigEndian(_ value: UInt64) -> [UInt8] {
        (0..<8).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }
}
