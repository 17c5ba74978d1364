/// One rule: which models (a glob over the signed name), which signers count, how many
/// distinct ones are needed, and how old a signature may be.
public struct PolicyRule: Sendable {
    /// The rule's position in the policy, from 1, for messages.
    public let number: Int
    public let models: Glob
    public let signers: [String]
    public let threshold: Int
    public let maxAgeDays: Int?

    public init(number: Int, models: Glob, signers: [String], threshold: Int, maxAgeDays: Int?) {
        self.number = number
        self.models = models
        self.signers = signers
        self.threshold = threshold
        self.maxAgeDays = maxAgeDays
    }

    public var label: String { "rule \(number) (\"\(models)\")" }
}
