/// The checks gathered so far in one verification, and the report they make.
struct VerificationRun {
    let policy: TrustPolicy
    let modelPath: String
    let bundlePath: String
    var checks: [VerificationCheck] = []
    var manifest: ModelManifest?
    var signers: [VerifiedSigner] = []
    var format: BundleFormat = .artefact
    var omsStatement: OMSStatement?
    private var certificateChecksApply = false

    init(policy: TrustPolicy, modelPath: String, bundlePath: String) {
        self.policy = policy
        self.modelPath = modelPath
        self.bundlePath = bundlePath
    }

    mutating func pass(_ name: CheckName, _ reason: String, detail: CheckDetail? = nil) {
        checks.append(VerificationCheck(name: name, outcome: .pass, reason: reason, detail: detail))
    }

    mutating func fail(_ name: CheckName, _ reason: String, detail: CheckDetail? = nil) {
        checks.append(VerificationCheck(name: name, outcome: .fail, reason: reason, detail: detail))
    }

    /// Runs `body`; a rejection becomes a failed check named `name`, anything else is thrown.
    mutating func attempt<Value>(_ name: CheckName, _ body: () throws -> Value) throws -> Value? {
        do {
            return try body()
        } catch let error as ArtefactError where error.kind == .rejected {
            fail(name, error.message)
            return nil
        }
    }

    /// Records the signature, chain, revocation and identity checks; false rejects.
    mutating func checkSigners(_ resolution: SignerResolution) -> Bool {
        certificateChecksApply = resolution.presentedCertificates
        let detail = CheckDetail.signatures(resolution.notes)
        if resolution.presentedCertificates {
            for check in CheckName.certificateChecks {
                if let first = resolution.certificateFailures.first(where: { $0.check == check }) {
                    fail(check, first.reason)
                    return false
                }
                let passes = resolution.certificatePasses.filter { $0.check == check }.map(\.reason)
                let applies = check == .chain || (check == .revocation ? resolution.checkedRevocation : resolution.checkedIdentity)
                pass(check, !passes.isEmpty ? passes.joined(separator: "; ")
                     : !applies ? "not required by this policy"
                     : "no presented certificate chains to this policy's roots, so none is relied on")
            }
        }
        guard !resolution.verified.isEmpty else {
            let statuses = resolution.notes.map(\.status)
            let subject = policy.sourcePath.map { "a signer that policy \"\(policy.environment)\" (\($0)) trusts" }
                ?? "the given key(s) " + policy.signers.compactMap(\.keyID).joined(separator: ", ")
            fail(.signature, "no signature in the bundle verifies with \(subject) (\(statuses.joined(separator: "; ")))", detail: detail)
            return false
        }
        pass(.signature, "signed by " + resolution.verified.map { "\($0.keyID) as \($0.policySigners.joined(separator: ", "))" }
            .joined(separator: "; "), detail: detail)
        return true
    }

    /// The report: the checks in the order they ran (passes, then at most one failure,
    /// since nothing runs after a failure), then the ones that did not run, as skipped.
    /// - Parameter excluding: checks that run elsewhere (a transfer checks files as it copies).
    func report(excluding: Set<CheckName> = []) -> VerificationReport {
        let ran = Set(checks.map(\.name))
        let skipped = CheckName.verificationOrder
            .filter { !ran.contains($0) && !excluding.contains($0) && (certificateChecksApply || !CheckName.certificateChecks.contains($0)) }
            .map { VerificationCheck(name: $0, outcome: .skipped, reason: "not run: an earlier check failed") }
        let listed = checks + skipped
        return VerificationReport(modelPath: modelPath, bundlePath: bundlePath,
                                  checks: listed, manifest: manifest, policyEnvironment: policy.environment,
                                  policyFile: policy.sourcePath, signers: signers, format: format, omsStatement: omsStatement)
    }
}
