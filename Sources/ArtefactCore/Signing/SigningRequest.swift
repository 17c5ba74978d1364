/// Everything `sign` needs besides the key: what to call the model, what to claim about
/// it, and how to hash it.
public struct SigningRequest: Sendable {
    public var location: ModelLocation
    public var name: String?
    public var version: String?
    public var classification: Classification
    public var expiresAt: Timestamp?
    /// Patterns given by the user, added to the defaults.
    public var ignorePatterns: [String]
    public var hashing: HashingParameters
    public var jobs: Int
    public var createdAt: Timestamp

    public init(location: ModelLocation, name: String? = nil, version: String? = nil,
                classification: Classification = .internal, expiresAt: Timestamp? = nil, ignorePatterns: [String] = [],
                hashing: HashingParameters = .files, jobs: Int = onlineProcessorCount, createdAt: Timestamp = .now) {
        self.location = location
        self.name = name
        self.version = version
        self.classification = classification
        self.expiresAt = expiresAt
        self.ignorePatterns = ignorePatterns
        self.hashing = hashing
        self.jobs = jobs
        self.createdAt = createdAt
    }

    /// The full ignore list that is signed: the defaults, the bundle's own path, then the
    /// user's patterns.
    public var effectiveIgnorePatterns: [String] {
        location.ignorePatterns(adding: ignorePatterns)
    }

    /// The model name: as given, or the directory's (or file's) base name.
    public var effectiveName: String { name ?? FileSystem.baseName(location.modelPath) }
}
