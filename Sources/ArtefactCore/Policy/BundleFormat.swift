/// The bundle formats artefact verifies. A policy rule names the ones it accepts
/// (`formats`, default `artefact` alone; see `Docs/POLICY.md`).
public enum BundleFormat: String, CaseIterable, Hashable, Sendable {
    /// artefact's own bundle: Ed25519 signatures over the `artefact.dev/model-manifest/v1` predicate.
    case artefact
    /// An OpenSSF Model Signing v1.0 bundle: one ECDSA signature, no version, classification or time.
    case oms

    /// The formats a rule accepts when it names none.
    public static let ruleDefault: Set<BundleFormat> = [.artefact]
}
