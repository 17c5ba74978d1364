/// The predicate's `serialization` section: how model_signing turned the model into
/// resources (its `manifest.py`, `_FileSerialization` and `_ShardSerialization`), which
/// verification re-applies exactly.
public struct OMSSerialization: Equatable, Sendable {
    /// The serialization methods OMS defines.
    public enum Method: String, Sendable {
        case files
        case shards
    }

    public let method: Method
    /// The shard size in bytes (shards only). OMS writes it as a JSON number that reads
    /// back as a float (`1000000000.0`); it must be a whole number.
    public let shardSize: Int64?
    /// Whether a symlink is followed and hashed as the file it leads to; false means a
    /// symlink anywhere in the model fails, as model_signing fails on one.
    public let allowSymlinks: Bool
    /// Paths relative to the model root left out, each with everything below it
    /// (model_signing's `should_ignore`: `Path.is_relative_to`): exact paths, not patterns.
    public let ignorePaths: [String]

    /// The only per-resource digest artefact verifies; OMS's blake2b and blake3 are refused.
    public static let hashType = "sha256"

    public init(method: Method, shardSize: Int64?, allowSymlinks: Bool, ignorePaths: [String]) {
        self.method = method
        self.shardSize = method == .shards ? shardSize : nil
        self.allowSymlinks = allowSymlinks
        self.ignorePaths = ignorePaths
    }

    /// The `algorithm` every resource must name: `sha256`, or `sha256-sharded-SIZE` (the
    /// `digest_name` of model_signing's `ShardedFileHasher`).
    public var resourceAlgorithm: String {
        shardSize.map { "\(Self.hashType)-sharded-\($0)" } ?? Self.hashType
    }

    /// The section as model_signing writes it (shard size as a float, as protobuf's
    /// `Struct` holds every number).
    var json: JSONValue {
        jsonObject([
            ("method", .string(method.rawValue)),
            ("hash_type", .string(Self.hashType)),
            ("shard_size", shardSize.map { .number("\($0).0") }),
            ("allow_symlinks", .bool(allowSymlinks)),
            ("ignore_paths", ignorePaths.isEmpty ? nil : .array(ignorePaths.map(JSONValue.string))),
        ])
    }

    /// Decodes the section strictly; unknown members and unsupported values reject.
    static func decode(_ value: JSONValue) throws -> OMSSerialization {
        var reader = try JSONObjectReader(value, context: "predicate.serialization", failure: OMSFormat.reject)
        let methodName = try reader.string("method")
        guard let method = Method(rawValue: methodName) else {
            throw OMSFormat.reject("serialization method \"\(methodName)\" is not files or shards")
        }
        let hashType = try reader.string("hash_type")
        guard hashType == Self.hashType else {
            throw OMSFormat.reject("hash_type \"\(hashType)\" is not supported; artefact verifies sha256 resources only")
        }
        guard case .bool(let allowSymlinks) = try reader.requiredValue("allow_symlinks") else {
            throw OMSFormat.reject("predicate.serialization.allow_symlinks must be true or false")
        }
        var shardSize: Int64?
        if method == .shards {
            guard case .number(let literal) = try reader.requiredValue("shard_size"), let size = Self.wholeNumber(literal) else {
                throw OMSFormat.reject("predicate.serialization.shard_size must be a positive whole number")
            }
            shardSize = size
        }
        let ignorePaths = try reader.optionalArray("ignore_paths") == nil ? [] : try reader.stringArray("ignore_paths")
        try reader.rejectUnknownMembers()
        guard ignorePaths.count <= OMSFormat.maximumIgnorePaths else {
            throw OMSFormat.reject("predicate.serialization.ignore_paths lists more than \(OMSFormat.maximumIgnorePaths) paths")
        }
        for path in ignorePaths {
            // "." or "" would leave the whole model out, ".." a path outside it.
            if let problem = ModelPath.problem(with: path) {
                throw OMSFormat.reject("ignore path \"\(ModelPath.printable(path))\" has \(problem)")
            }
        }
        return OMSSerialization(method: method, shardSize: shardSize, allowSymlinks: allowSymlinks, ignorePaths: ignorePaths)
    }

    /// A JSON number literal that is a whole number from 1 to 2^53 (`1024`, `1024.0`,
    /// `1e+9`), exactly as a float holds it; nil otherwise.
    static func wholeNumber(_ literal: String) -> Int64? {
        guard let value = Double(literal), value.isFinite, value >= 1, value <= 9_007_199_254_740_992,
              value == value.rounded(.towardZero) else { return nil }
        return Int64(value)
    }
}
