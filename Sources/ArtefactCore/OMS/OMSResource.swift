/// One entry of the predicate's `resources`: a file or shard, its algorithm and digest.
public struct OMSResource: Equatable, Sendable {
    public let key: OMSResourceKey
    public let digest: SHA256Digest

    public init(key: OMSResourceKey, digest: SHA256Digest) {
        self.key = key
        self.digest = digest
    }

    /// The entry as model_signing writes it.
    func json(algorithm: String) -> JSONValue {
        jsonObject([("name", .string(key.name)), ("algorithm", .string(algorithm)), ("digest", .string(digest.hex))])
    }

    /// Decodes entry `index` strictly: its name under `serialization`, its algorithm (which
    /// must be the one the serialization implies) and a 64-digit lowercase hex digest.
    static func decode(_ value: JSONValue, index: Int, serialization: OMSSerialization) throws -> OMSResource {
        var reader = try JSONObjectReader(value, context: "predicate.resources[\(index)]", failure: OMSFormat.reject)
        let name = try reader.string("name")
        let algorithm = try reader.string("algorithm")
        let digestText = try reader.string("digest")
        try reader.rejectUnknownMembers()
        guard algorithm == serialization.resourceAlgorithm else {
            throw OMSFormat.reject("predicate.resources[\(index)].algorithm \"\(ModelPath.printable(algorithm))\" is not "
                + "\(serialization.resourceAlgorithm)")
        }
        guard let digest = SHA256Digest(hex: digestText) else {
            throw OMSFormat.reject("predicate.resources[\(index)].digest is not a SHA-256 hex digest")
        }
        return OMSResource(key: try OMSResourceKey.parse(name, shards: serialization.method == .shards), digest: digest)
    }
}
