/// What a caller says about a crossing; the log adds the sequence number, time, user,
/// host and chain hash.
public struct AuditDraft: Sendable {
    public var action: AuditAction
    public var model: AuditModel?
    public var source: AuditEndpoint?
    public var destination: AuditEndpoint?
    public var signers: [String]
    public var result: AuditResult
    public var reason: String
    public var transferID: String?

    public init(action: AuditAction, model: AuditModel? = nil, source: AuditEndpoint? = nil, destination: AuditEndpoint? = nil,
                signers: [String] = [], result: AuditResult, reason: String, transferID: String? = nil) {
        self.action = action
        self.model = model
        self.source = source
        self.destination = destination
        self.signers = signers
        self.result = result
        self.reason = reason
        self.transferID = transferID
    }
}
