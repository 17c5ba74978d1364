/// The model an audit entry is about.
public struct AuditModel: Sendable {
    public let name: String
    public let version: String?
    public let digest: String?

    public init(name: String, version: String?, digest: String?) {
        self.name = name
        self.version = version
        self.digest = digest
    }

    var json: JSONValue {
        jsonObject([("name", .string(name)), ("version", version.map(JSONValue.string)), ("digest", digest.map(JSONValue.string))])
    }

    static func decode(_ reader: JSONObjectReader) throws -> AuditModel {
        var reader = reader
        let model = AuditModel(name: try reader.string("name"), version: try reader.optionalString("version"),
                               digest: try reader.optionalString("digest"))
        try reader.rejectUnknownMembers()
        return model
    }
}
