/// A store's own settings (`artefact/store.json`): its environment, the policy that
/// decides what may enter, and where its audit key lives.
public struct StoreConfiguration: Sendable {
    public static let formatVersion = 1

    public let environment: String
    /// The absolute path of the policy file.
    public let policyPath: String
    /// The absolute path of the private key that signs audit checkpoints, if any.
    public let auditKeyPath: String?
    /// TLS files for reaching registries from this store, if configured.
    public let tls: StoredTLSFiles?

    public init(environment: String, policyPath: String, auditKeyPath: String?, tls: StoredTLSFiles? = nil) {
        self.environment = environment
        self.policyPath = policyPath
        self.auditKeyPath = auditKeyPath
        self.tls = tls
    }

    var json: JSONValue {
        jsonObject([("format", .integer(Self.formatVersion)), ("environment", .string(environment)),
                    ("policy", .string(policyPath)), ("auditKey", auditKeyPath.map(JSONValue.string)),
                    ("tls", tls.map { jsonObject([("ca", $0.caFile.map(JSONValue.string)), ("cert", $0.certificateFile.map(JSONValue.string)),
                                                   ("key", $0.keyFile.map(JSONValue.string))]) })])
    }

    static func read(_ layout: StoreLayout) throws -> StoreConfiguration {
        let failure = { @Sendable (message: String) in ArtefactError.badInput("store \(layout.root): \(message)") }
        let value = try StrictJSONParser.parse(layout.read(StoreLayout.Relative.configuration, limit: 1 << 20)) {
            failure("artefact/store.json: \($0)")
        }
        var reader = try JSONObjectReader(value, context: "store.json", failure: failure)
        guard try reader.integer("format") == Int64(formatVersion) else { throw failure("unsupported store format") }
        var tls: StoredTLSFiles?
        if var tlsReader = try reader.optionalObject("tls") {
            tls = StoredTLSFiles(caFile: try tlsReader.optionalString("ca"), certificateFile: try tlsReader.optionalString("cert"),
                                 keyFile: try tlsReader.optionalString("key"))
            try tlsReader.rejectUnknownMembers()
        }
        let configuration = StoreConfiguration(environment: try reader.string("environment"), policyPath: try reader.string("policy"),
                                               auditKeyPath: try reader.optionalString("auditKey"), tls: tls)
        try reader.rejectUnknownMembers()
        return configuration
    }
}

/// TLS files a store remembers for reaching registries (absolute paths).
public struct StoredTLSFiles: Sendable {
    public let caFile: String?
    public let certificateFile: String?
    public let keyFile: String?

    public init(caFile: String?, certificateFile: String?, keyFile: String?) {
        self.caFile = caFile
        self.certificateFile = certificateFile
        self.keyFile = keyFile
    }
}
