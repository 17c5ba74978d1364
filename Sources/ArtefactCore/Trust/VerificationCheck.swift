/// One named check, its outcome and why.
public struct VerificationCheck: Sendable {
    public let name: CheckName
    public let outcome: CheckOutcome
    public let reason: String
    /// What the check found beyond its reason (signatures, file differences), if anything.
    public let detail: CheckDetail?

    public init(name: CheckName, outcome: CheckOutcome, reason: String, detail: CheckDetail? = nil) {
        self.name = name
        self.outcome = outcome
        self.reason = reason
        self.detail = detail
    }
}
