/// A transfer refused by a named check. The transfer logs it and reports it as a
/// rejection (exit 1), never as a crash.
struct TransferRejection: Error {
    let check: CheckName
    let reason: String
    var report: VerificationReport?
    var manifest: ModelManifest?
    /// What a verify in place reports beside the reason (the files that differ).
    var detail: CheckDetail?
}
