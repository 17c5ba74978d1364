/// One record of the crossing log: what crossed (or tried to), between which places, by
/// whose signature, with what result. Entries are chained by the hash of the previous one.
public struct AuditEntry: Sendable {
    public let sequence: Int64
    public let time: Timestamp
    public let action: AuditAction
    public let model: AuditModel?
    public let source: AuditEndpoint?
    public let destination: AuditEndpoint?
    /// Key ids, or certificate subjects, of the signers that verified.
    public let signers: [String]
    public let user: String
    public let host: String
    public let result: AuditResult
    public let reason: String
    public let transferID: String?
    /// The SHA-256 of the previous entry's line, or of the genesis text for the first.
    public let previousHash: String

    public init(sequence: Int64, time: Timestamp, action: AuditAction, model: AuditModel?, source: AuditEndpoint?,
                destination: AuditEndpoint?, signers: [String], user: String, host: String, result: AuditResult, reason: String,
                transferID: String?, previousHash: String) {
        self.sequence = sequence
        self.time = time
        self.action = action
        self.model = model
        self.source = source
        self.destination = destination
        self.signers = signers
        self.user = user
        self.host = host
        self.result = result
        self.reason = reason
        self.transferID = transferID
        self.previousHash = previousHash
    }

    public var json: JSONValue {
        jsonObject([
            ("seq", .integer(sequence)),
            ("time", .string(time.description)),
            ("action", .string(action.rawValue)),
            ("model", model?.json),
            ("source", source?.json),
            ("destination", destination?.json),
            ("signers", .array(signers.map(JSONValue.string))),
            ("user", .string(user)),
            ("host", .string(host)),
            ("result", .string(result.rawValue)),
            ("reason", .string(reason)),
            ("transferId", transferID.map(JSONValue.string)),
            ("prev", .string(previousHash)),
        ])
    }

    /// The entry as one log line (compact JSON, no newline).
    public var line: [UInt8] { JSONWriter.compact(json) }

    static func decode(_ line: [UInt8], number: Int) throws -> AuditEntry {
        let failure = { @Sendable (message: String) in ArtefactError.rejected("audit entry \(number): \(message)") }
        let value: JSONValue
        do { value = try StrictJSONParser.parse(line) } catch { throw failure("not valid JSON: \(error)") }
        var reader = try JSONObjectReader(value, context: "entry", failure: failure)
        let timeText = try reader.string("time")
        guard let time = Timestamp(rfc3339: timeText) else { throw failure("bad time \"\(timeText)\"") }
        let entry = AuditEntry(
            sequence: try reader.integer("seq"), time: time, action: AuditAction(rawValue: try reader.string("action")),
            model: try reader.optionalObject("model").map(AuditModel.decode),
            source: try reader.optionalObject("source").map(AuditEndpoint.decode),
            destination: try reader.optionalObject("destination").map(AuditEndpoint.decode),
            signers: try reader.stringArray("signers"), user: try reader.string("user"), host: try reader.string("host"),
            result: AuditResult(rawValue: try reader.string("result")), reason: try reader.string("reason"),
            transferID: try reader.optionalString("transferId"), previousHash: try reader.string("prev"))
        try reader.rejectUnknownMembers()
        return entry
    }
}
