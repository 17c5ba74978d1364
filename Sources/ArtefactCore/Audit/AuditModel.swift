/// The model an audit entry is about.
public struct AuditModel: Sendable {
    public let name: String
    public let version: String?
    public let digest: String?
    /// Who vouches for `version` when no signature does: `operator` for a model signed
    /// with an OpenSSF Model Signing bundle, whose version the operator gave at the
    /// crossing; nil when the version is signed (or absent).
    public let versionSource: String?

    /// The `versionSource` of a version the operator gave.
    public static let operatorAsserted = "operator"

    public init(name: String, version: String?, digest: String?, versionSource: String? = nil) {
        self.name = name
        self.version = version
        self.digest = digest
        self.versionSource = versionSource
    }

    var json: JSONValue {
        jsonObject([("name", .string(name)), ("version", version.map(JSONValue.string)), ("digest", digest.map(JSONValue.string)),
                    ("versionSource", versionSource.map(JSONValue.string))])
    }

    static func decode(_ reader: JSONObjectReader) throws -> AuditModel {
        var reader = reader
        let model = AuditModel(name: try reader.string("name"), version: try reader.optionalString("version"),
                               digest: try reader.optionalString("digest"), versionSource: try reader.optionalString("versionSource"))
        try reader.rejectUnknownMembers()
        return model
    }
}
