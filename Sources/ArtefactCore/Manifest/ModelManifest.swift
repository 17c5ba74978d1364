/// What a signature says about a model: the predicate of the signed in-toto Statement
/// (see `Docs/FORMAT.md`, "Predicate").
public struct ModelManifest: Equatable, Sendable {
    public static let predicateType = "https://artefact.dev/model-manifest/v1"

    public let name: String
    public let version: String?
    public let classification: Classification
    public let createdAt: Timestamp
    public let expiresAt: Timestamp?
    public let hashing: HashingParameters
    /// The ignore patterns in force when signing; verify re-applies exactly these.
    public let ignore: [String]
    public let contents: ModelContents

    public init(
        name: String, version: String?, classification: Classification, createdAt: Timestamp, expiresAt: Timestamp?,
        hashing: HashingParameters, ignore: [String], contents: ModelContents
    ) throws {
        try Self.checkLabel(name, field: "name", failure: ArtefactError.badInput)
        if let version { try Self.checkLabel(version, field: "version", failure: ArtefactError.badInput) }
        if let expiresAt, expiresAt <= createdAt {
            throw ArtefactError.badInput("the expiry \(expiresAt) is not after the signing time \(createdAt)")
        }
        if let problem = ManifestShape.problem(with: contents, ignore: try IgnoreRules(patterns: ignore)) {
            throw ArtefactError.badInput(problem)
        }
        self.name = name
        self.version = version
        self.classification = classification
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.hashing = hashing
        self.ignore = ignore
        self.contents = contents
        self.modelDigest = ModelDigest.compute(contents, parameters: hashing)
    }

    /// The digest of the whole file list, computed once.
    public let modelDigest: SHA256Digest

    /// Names and versions are labels, not paths: printable, one line, at most 256 bytes.
    static func checkLabel(_ text: String, field: String, failure: (String) -> ArtefactError) throws {
        if text.isEmpty || text.utf8.count > 256 || text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) {
            throw failure("the model \(field) must be 1 to 256 bytes with no control characters")
        }
    }

    // MARK: Encoding

    public var predicateJSON: JSONValue {
        jsonObject([
            ("name", .string(name)),
            ("version", version.map(JSONValue.string)),
            ("classification", .string(classification.rawValue)),
            ("createdAt", .string(createdAt.description)),
            ("expiresAt", expiresAt.map { .string($0.description) }),
            ("hashing", jsonObject([
                ("algorithm", .string(HashingParameters.algorithm)),
                ("shardSize", hashing.shardSize.map(JSONValue.integer)),
            ])),
            ("ignore", .array(ignore.map(JSONValue.string))),
            ("files", .array(contents.files.map(\.json))),
            ("symlinks", .array(contents.symlinks.map(\.json))),
        ])
    }
}

extension ModelFile {
    /// The file as the predicate lists it: path, size, and `sha256` or `shards`.
    public var json: JSONValue {
        switch digest {
        case .whole(let digest):
            return jsonObject([("path", .string(path)), ("size", .integer(size)), ("sha256", .string(digest.hex))])
        case .shards(let shards):
            return jsonObject([("path", .string(path)), ("size", .integer(size)), ("shards", .array(shards.map { .string($0.hex) }))])
        }
    }
}

extension ModelSymlink {
    /// The link as the predicate lists it: path and target.
    public var json: JSONValue { jsonObject([("path", .string(path)), ("target", .string(target))]) }
}
