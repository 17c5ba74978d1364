/// A check that can reject a model: the verifier's checks, in the order they run
/// (`Docs/FORMAT.md`, "Verifying"), then the ones a crossing adds. The raw value is the
/// word `--json` reports as `check` and `artefact: rejected: CHECK:` names, so it prints
/// as that word too.
public enum CheckName: String, CaseIterable, Sendable, CustomStringConvertible {
    case bundle
    case chain
    case revocation
    case identity
    case signature
    case payload
    case rule
    case threshold
    case classification
    case expiry
    case age
    case integrity
    case modelDigest = "model-digest"
    /// A registry's or store's signature signs another image than the one it names.
    case subject
    /// The signed name or version is not the one the crossing was asked for.
    case model
    /// The signed version is missing or malformed where a store or registry needs one.
    case version
    /// The rollback guard: a lower version, or a known version with other content.
    case rollback
    /// The destination holds another model where this one would go (an S3 prefix whose
    /// objects are not this model's); nothing is overwritten.
    case occupied
    /// A verification that failed without naming a check.
    case verification

    public var description: String { rawValue }

    /// Every check a verification may run, in the order it runs them. The certificate
    /// checks come before `signature`, which decides on what they found.
    public static let verificationOrder: [CheckName] = [
        .bundle, .chain, .revocation, .identity, .signature, .payload, .rule, .threshold,
        .classification, .expiry, .age, .integrity, .modelDigest,
    ]

    /// Checks that apply only to signers who present certificates, in their order.
    public static let certificateChecks: [CheckName] = [.chain, .revocation, .identity]
}
