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

    /// Fails when the policy, the audit key or a TLS file this configuration names lies
    /// inside the store, where the store's writers could replace it.
    func requireOutside(storeRoot: String) throws {
        try StoreLayout.requireOutside(policyPath, "the policy named in store.json", storeRoot: storeRoot)
        if let auditKeyPath { try StoreLayout.requireOutside(auditKeyPath, "the audit key named in store.json", storeRoot: storeRoot) }
        for file in [tls?.caFile, tls?.certificateFile, tls?.keyFile].compactMap({ $0 }) {
            try StoreLayout.requireOutside(file, "a TLS file named in store.json", storeRoot: storeRoot)
        }
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
