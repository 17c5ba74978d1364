/// One transfer in progress: its endpoints, the deciding policy, the destination's lock,
/// and what it has learnt.
struct Crossing {
    let request: TransferRequest
    let transferID: String
    let source: any ModelSource
    let destination: any ModelDestination
    /// The destination store's policy, or else the source store's.
    let policy: TrustPolicy
    /// The stores' crossing logs, opened (and checked) before any work.
    let destinationLog: AuditLog?
    let sourceLog: AuditLog?
    var manifest: ModelManifest?
    var signers: [String] = []
    /// Whether the model's version was given by the operator (`--version`) rather than
    /// signed: an OMS crossing. The crossing log records it so.
    var versionAssertedByOperator = false
    private var lock: StoreLock?

    init(request: TransferRequest, transferID: String) throws {
        self.request = request
        self.transferID = transferID
        source = request.source.endpoint
        destination = request.destination.endpoint
        if let store = destination.store {
            policy = try store.policy()
        } else if let store = source.store {
            policy = try store.policy()
        } else {
            throw ArtefactError.badInput(destination.needsSourceStore)
        }
        // Compare resolved paths: `store`, `./store` and a symlink to it are one store.
        if let destinationStore = destination.store, let sourceStore = source.store,
           destinationStore.endpoint.location == sourceStore.endpoint.location {
            throw ArtefactError.badInput("the source and destination are the same store")
        }
        // Fail before any work if a log cannot be written, or does not verify against its
        // last signed checkpoint: a crossing is never logged onto a rewritten history. The
        // source's log is checked under its own lock, released before the destination's is
        // taken (as when logging), so two opposite transfers cannot deadlock.
        destinationLog = try destination.store?.auditLog(passphrase: request.auditPassphrase)
        sourceLog = try source.store?.auditLog(passphrase: request.auditPassphrase)
        if let store = source.store, let sourceLog {
            try store.whileLocked { try sourceLog.requireIntact() }
        }
        lock = try destination.store.map { try StoreLock(layout: $0.layout) }
        try destinationLog?.requireIntact()
    }

    mutating func perform() throws -> TransferOutcome {
        // Verify everything the bundle claims under the deciding policy.
        if let oms = try omsSourceBundle() { return try performOMS(oms) }
        let bundle = try source.loadBundle()
        if request.assertedVersion != nil {
            throw ArtefactError.badInput("--version is for a model signed with an OpenSSF Model Signing bundle; "
                + "\(bundle.description) is an artefact bundle, which signs its own version")
        }
        let report = try ModelVerifier.verifyClaims(of: bundle.bundle, policy: policy, now: request.now,
                                                    modelPath: source.description, bundlePath: bundle.description)
        signers = report.signers.map { $0.certificateSubject ?? $0.keyID }
        manifest = report.manifest
        guard report.accepted, let manifest = report.manifest else {
            let failure = report.firstFailure
            throw TransferRejection(check: failure?.name ?? .verification, reason: failure?.reason ?? "rejected", report: report,
                                    manifest: report.manifest)
        }
        return try deliver(manifest, bundleBytes: bundle.bytes, report: report)
    }

    /// Binds the verified model to what was asked for, lets the destination admit it, and
    /// moves the bytes (each file hashed as it streams against its signed digest).
    func deliver(_ manifest: ModelManifest, bundleBytes: [UInt8], report: VerificationReport) throws -> TransferOutcome {
        // Bind the signed model to what was asked for.
        try checkExpectedIdentity(manifest)
        try source.checkBinding(manifest)
        // What the destination refuses before a byte moves, then the bytes and the publish.
        let admission = try destination.admit(manifest, from: source, policy: policy)
        let model = VerifiedModel(manifest: manifest, bundleBytes: bundleBytes, transferID: transferID,
                                  workers: source.readsSequentially ? 1 : request.jobs, progress: request.progress)
        request.progress?.begin(totalBytes: manifest.contents.files.reduce(Int64(0)) { $0.addingSaturated($1.size) })
        let delivery = try destination.receive(model, from: source, admission: admission)
        return TransferOutcome(transferID: transferID, accepted: true, reason: delivery.reason, manifest: manifest, report: report,
                               alreadyPresent: delivery.alreadyPresent, bytesCopied: delivery.copied.bytesCopied,
                               bytesReused: delivery.copied.bytesReused, filesReused: delivery.copied.filesReused,
                               exportedBundle: delivery.exportedBundle)
    }

    func checkExpectedIdentity(_ manifest: ModelManifest) throws {
        if let name = request.expectedName, name != manifest.name {
            throw TransferRejection(check: .model, reason: "the signed model is \(manifest.name), not \(name)", manifest: manifest)
        }
        if let version = request.expectedVersion, !ModelVersion.same(version, manifest.version) {
            throw TransferRejection(check: .model, reason: "the signed version is \(manifest.version ?? "(none)"), not \(version)",
                                    manifest: manifest)
        }
    }

    func rejected(_ reason: String, manifest: ModelManifest?, report: VerificationReport?) -> TransferOutcome {
        TransferOutcome(transferID: transferID, accepted: false, reason: reason, manifest: manifest, report: report, alreadyPresent: false,
                        bytesCopied: 0, bytesReused: 0, filesReused: 0, exportedBundle: nil)
    }

    /// Logs the crossing in the destination store (under its lock, still held) and then
    /// in the source store (under its own lock, after the destination's is released, so
    /// two opposite transfers cannot deadlock).
    mutating func log(result: AuditResult, reason: String, manifest: ModelManifest? = nil) throws {
        let model = (manifest ?? self.manifest).map {
            AuditModel(name: $0.name, version: $0.version, digest: $0.modelDigest.prefixed,
                       versionSource: versionAssertedByOperator ? AuditModel.operatorAsserted : nil)
        } ?? request.expectedName.map { AuditModel(name: $0, version: request.expectedVersion, digest: nil) }
        let draft = AuditDraft(action: .transferIn, model: model, source: source.auditEndpoint, destination: destination.auditEndpoint,
                               signers: signers, result: result, reason: reason, transferID: transferID)
        if let destinationLog {
            var incoming = draft
            incoming.action = .transferIn
            try destinationLog.append(incoming)
        }
        lock = nil
        if let store = source.store, let sourceLog {
            var outgoing = draft
            outgoing.action = destination.outgoingAction
            try store.whileLocked { try sourceLog.append(outgoing) }
        }
    }
}
