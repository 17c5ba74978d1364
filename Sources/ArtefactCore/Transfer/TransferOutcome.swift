/// What a transfer did.
public struct TransferOutcome: Sendable {
    public let transferID: String
    public let accepted: Bool
    /// The failing check and reason on rejection; a summary on success.
    public let reason: String
    public let manifest: ModelManifest?
    public let report: VerificationReport?
    /// The version was already in the destination with the same digest: nothing to copy.
    public let alreadyPresent: Bool
    public let bytesCopied: Int64
    public let bytesReused: Int64
    public let filesReused: Int
    /// Where the bundle ended up, for an export.
    public let exportedBundle: String?
}
