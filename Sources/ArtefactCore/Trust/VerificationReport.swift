/// Everything a verification found. `accepted` is true only when every check passed.
public struct VerificationReport: Sendable {
    public let modelPath: String
    public let bundlePath: String
    public let checks: [VerificationCheck]
    /// The signed manifest, once its signature verified.
    public let manifest: ModelManifest?
    /// The environment whose policy decided, and its policy file (nil for `--key`).
    public let policyEnvironment: String
    public let policyFile: String?
    /// The signatures that verified, and which policy signers each counts as.
    public let signers: [VerifiedSigner]
    /// The bundle's format: artefact's own, or OpenSSF Model Signing.
    public var format: BundleFormat = .artefact
    /// For an OMS bundle, its signed statement, once its signature verified (`manifest`
    /// is then nil: OMS signs no version, classification or time).
    public var omsStatement: OMSStatement? = nil

    /// The key ids whose signatures verified.
    public var signerKeyIDs: [String] { signers.map(\.keyID) }

    public var accepted: Bool { !checks.isEmpty && checks.allSatisfy { $0.outcome == .pass } }

    /// The first failed check, which the one-line rejection message names.
    public var firstFailure: VerificationCheck? { checks.first { $0.outcome == .fail } }
}
