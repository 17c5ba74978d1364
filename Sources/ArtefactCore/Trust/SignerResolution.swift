/// What the signatures of one envelope prove under a policy.
struct SignerResolution {
    var verified: [VerifiedSigner] = []
    /// Failures of presented certificates that chained to a policy authority: each fails
    /// its check (chain, revocation or identity), because a bad credential is never ignored.
    var certificateFailures: [(check: CheckName, reason: String)] = []
    /// What each relied-on certificate passed, in its own words (subject, signer, identity).
    var certificatePasses: [(check: CheckName, reason: String)] = []
    /// What each signature proved, in envelope order.
    var notes: [SignatureNote] = []
    var presentedCertificates = false
    var checkedRevocation = false
    var checkedIdentity = false
}
