/// One rule: which models (a glob over the signed name), which signers count, how many
/// distinct ones are needed, how old a signature may be, and which bundle formats count.
public struct PolicyRule: Sendable {
    /// The rule's position in the policy, from 1, for messages.
    public let number: Int
    public let models: Glob
    public let signers: [String]
    public let threshold: Int
    public let maxAgeDays: Int?
    /// The bundle formats this rule accepts; an OMS bundle must be opted into.
    public let formats: Set<BundleFormat>

    public init(number: Int, models: Glob, signers: [String], threshold: Int, maxAgeDays: Int?,
                formats: Set<BundleFormat> = BundleFormat.ruleDefault) {
        self.formats = formats
        self.number = number
        self.models = models
        self.signers = signers
        self.threshold = threshold
        self.maxAgeDays = maxAgeDays
    }

    public var label: String { "rule \(number) (\"\(models)\")" }
}
