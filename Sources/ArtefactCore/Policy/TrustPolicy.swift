/// One environment's rules of trust (see `Docs/POLICY.md`): who may sign, which models
/// each rule covers, how many distinct signers it needs, and the clearance the
/// environment holds. Verification under a policy fails closed.
public struct TrustPolicy: Sendable {
    public let environment: String
    /// The highest classification this environment accepts; nil means no limit (only for
    /// the ad-hoc policy that `verify --key` builds).
    public let clearance: Classification?
    public let signers: [PolicySigner]
    public let rules: [PolicyRule]
    /// The policy file, or nil for an ad-hoc policy.
    public let sourcePath: String?
    /// Model names a store may accept at a version lower than its highest (`allow_downgrade`).
    public let downgradableModels: [String]
    /// The public key that must verify the crossing log's checkpoints of this environment's
    /// stores (`audit_key`): the anchor a store's writers cannot replace.
    public let auditKey: AnchoredAuditKey?
    /// Every file the policy read (signer keys, roots, CRLs, the audit key), as resolved
    /// paths, so a store can refuse a policy that trusts files inside the store.
    public let referencedFiles: [String]

    public init(environment: String, clearance: Classification?, signers: [PolicySigner], rules: [PolicyRule], sourcePath: String?,
                downgradableModels: [String] = [], auditKey: AnchoredAuditKey? = nil, referencedFiles: [String] = []) {
        self.environment = environment
        self.clearance = clearance
        self.signers = signers
        self.rules = rules
        self.sourcePath = sourcePath
        self.downgradableModels = downgradableModels
        self.auditKey = auditKey
        self.referencedFiles = referencedFiles
    }

    /// Whether this policy explicitly allows a downgrade of the model `name`.
    public func allowsDowngrade(of name: String) -> Bool { downgradableModels.contains(name) }

    public func signer(named name: String) -> PolicySigner? { signers.first { $0.name == name } }

    /// The first rule whose `models` glob matches the model name; nil rejects the model.
    public func rule(forModel name: String) -> PolicyRule? { rules.first { $0.models.matches(name) } }

    /// The policy `verify --key K...` stands for: any one of the keys may sign any model,
    /// in either format, with no clearance limit and no age limit.
    public static func adHoc(keys: [PublicKey]) -> TrustPolicy { adHoc(anyKeys: keys.map(AnyPublicKey.ed25519)) }

    /// The same for keys of any kind: Ed25519 keys verify artefact bundles, EC keys OMS
    /// bundles, and the one rule accepts both formats.
    public static func adHoc(anyKeys keys: [AnyPublicKey]) -> TrustPolicy {
        var signers: [PolicySigner] = []
        for key in keys where !signers.contains(where: { $0.keyID == key.keyID }) {
            let trust: PolicySigner.Trust
            switch key {
            case .ed25519(let key): trust = .key(key)
            case .ecdsa(let key): trust = .ecKey(key)
            }
            signers.append(PolicySigner(name: "key \(key.keyID.prefix(16))", trust: trust))
        }
        let rule = PolicyRule(number: 1, models: Glob("*"), signers: signers.map(\.name), threshold: 1, maxAgeDays: nil,
                              formats: Set(BundleFormat.allCases))
        return TrustPolicy(environment: "command line", clearance: nil, signers: signers, rules: [rule], sourcePath: nil)
    }

    /// Rules that can never apply because an earlier rule's glob covers theirs.
    public var shadowedRules: [(shadowed: PolicyRule, by: PolicyRule)] {
        rules.enumerated().compactMap { index, rule in
            rules[..<index].first { $0.models.covers(rule.models) }.map { (rule, $0) }
        }
    }
}
