/// One side of a crossing: where it is and which environment it belongs to.
public struct AuditEndpoint: Sendable {
    public let location: String
    public let environment: String?
    /// The peer's certificate subject, for network endpoints.
    public let peer: String?

    public init(location: String, environment: String?, peer: String? = nil) {
        self.location = location
        self.environment = environment
        self.peer = peer
    }

    var json: JSONValue {
        jsonObject([("location", .string(location)), ("environment", environment.map(JSONValue.string)),
                    ("peer", peer.map(JSONValue.string))])
    }

    static func decode(_ reader: JSONObjectReader) throws -> AuditEndpoint {
        var reader = reader
        let endpoint = AuditEndpoint(location: try reader.string("location"), environment: try reader.optionalString("environment"),
                                     peer: try reader.optionalString("peer"))
        try reader.rejectUnknownMembers()
        return endpoint
    }
}
