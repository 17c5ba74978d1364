import Glibc

/// Moves a signed model across a trust boundary (see `Docs/STORE.md`, "Transfer"):
///
/// 1. verify the bundle under the destination's policy (the source store's for an
///    export) before a byte is written, and refuse rollbacks;
/// 2. stream every file once into staging, hashing as it goes, compare with the signed
///    digest, sync, and move into place;
/// 3. publish the index entry last, atomically;
/// 4. log the crossing in both stores, rejections included, under one transfer id.
public enum ModelTransfer {
    public static func run(_ request: TransferRequest) throws -> TransferOutcome {
        let transferID = Hex.encode((0..<16).map { _ in UInt8.random(in: 0...255) })
        var transfer = try Crossing(request: request, transferID: transferID)
        do {
            let outcome = try transfer.perform()
            try transfer.log(result: .accepted, reason: outcome.reason)
            return outcome
        } catch let rejection as TransferRejection {
            try transfer.log(result: .rejected, reason: "\(rejection.check): \(rejection.reason)", manifest: rejection.manifest)
            return TransferOutcome(transferID: transferID, accepted: false, reason: "\(rejection.check): \(rejection.reason)",
                                   manifest: rejection.manifest, report: rejection.report, alreadyPresent: false,
                                   bytesCopied: 0, bytesReused: 0, filesReused: 0, exportedBundle: nil)
        } catch let error as ArtefactError where error.kind == .rejected {
            // Rejections raised while reading the source's bytes: the files are not what was signed.
            let reason = "integrity: \(error.message)"
            try transfer.log(result: .rejected, reason: reason)
            return TransferOutcome(transferID: transferID, accepted: false, reason: reason, manifest: transfer.manifest,
                                   report: nil, alreadyPresent: false, bytesCopied: 0, bytesReused: 0, filesReused: 0, exportedBundle: nil)
        } catch {
            try? transfer.log(result: .failed, reason: "\(error)")
            throw error
        }
    }
}

/// One transfer in progress: its endpoints, policy, lock and what it has learnt.
struct Crossing {
    let request: TransferRequest
    let transferID: String
    let policy: TrustPolicy
    let destinationStore: ModelStore?
    let sourceStore: ModelStore?
    /// The stores' crossing logs, opened (and checked) before any work.
    let destinationLog: AuditLog?
    let sourceLog: AuditLog?
    var manifest: ModelManifest?
    var signers: [String] = []
    /// The registry this crossing talks to, if any, for the audit entry's peer.
    var registry: RegistryClient?
    private var lock: StoreLock?

    init(request: TransferRequest, transferID: String) throws {
        self.request = request
        self.transferID = transferID
        switch request.destination {
        case .store(let store): destinationStore = store
        case .export, .registry: destinationStore = nil
        }
        switch request.source {
        case .store(let store, _, _): sourceStore = store
        case .directory, .registry: sourceStore = nil
        }
        if case .registry = request.destination, sourceStore == nil {
            throw ArtefactError.badInput("a push to a registry starts from a store, whose policy applies; transfer the model into a store first")
        }
        if let destinationStore {
            policy = try destinationStore.policy()
        } else if let sourceStore {
            policy = try sourceStore.policy()
        } else {
            throw ArtefactError.badInput("exporting to a plain directory needs a store as the source, whose policy applies; transfer the model into a store first")
        }
        // Compare resolved paths: `store`, `./store` and a symlink to it are one store.
        if let destinationStore, let sourceStore, destinationStore.endpoint.location == sourceStore.endpoint.location {
            throw ArtefactError.badInput("the source and destination are the same store")
        }
        // Fail before any work if a log cannot be written, or does not verify against its
        // last signed checkpoint: a crossing is never logged onto a rewritten history. The
        // source's log is checked under its own lock, released before the destination's is
        // taken (as when logging), so two opposite transfers cannot deadlock.
        destinationLog = try destinationStore?.auditLog(passphrase: request.auditPassphrase)
        sourceLog = try sourceStore?.auditLog(passphrase: request.auditPassphrase)
        if let sourceStore, let sourceLog {
            try withExtendedLifetime(try StoreLock(layout: sourceStore.layout)) { try sourceLog.requireIntact() }
        }
        lock = try destinationStore.map { try StoreLock(layout: $0.layout) }
        try destinationLog?.requireIntact()
    }

    mutating func perform() throws -> TransferOutcome {
        let source = try LoadedSource.load(request.source)
        registry = source.registry
        // 1. Verify everything the bundle claims under this side's policy.
        let report = try ModelVerifier.verifyClaims(of: source.bundle, policy: policy, now: request.now,
                                                    modelPath: request.source.description, bundlePath: source.bundleDescription)
        signers = report.signers.map { $0.certificateSubject ?? $0.keyID }
        manifest = report.manifest
        guard report.accepted, let manifest = report.manifest else {
            let failure = report.firstFailure
            throw TransferRejection(check: failure?.name ?? .verification, reason: failure?.reason ?? "rejected", report: report,
                                    manifest: report.manifest)
        }
        try checkExpectedIdentity(manifest)
        try source.checkBinding(manifest)
        let files: [any ByteSource]
        switch request.destination {
        case .store(let store):
            let decision = try RollbackGuard.check(manifest, destination: store, policy: policy)
            // Every source byte is read and hashed even when the store holds this exact
            // model already: a source that does not verify is rejected, never "present".
            files = try source.fileSources(for: manifest)
            // One registry connection is not shared between threads.
            let copied = try StoreIngest.copy(files, manifest: manifest, into: store, workers: registry == nil ? request.jobs : 1)
            guard let decision else {
                return outcome(manifest, report: report, reason: "already present with the same digest", alreadyPresent: true,
                               copied: copied)
            }
            FaultInjection.reach("publish")
            try store.publish(ModelImage(manifest: manifest, bundleBytes: source.bundleBytes, blobDigests: copied.blobDigests),
                              version: decision.version)
            let downgrade = decision.downgradedFrom.map { " (a downgrade from \($0.text), allowed by policy allow_downgrade)" } ?? ""
            return outcome(manifest, report: report, reason: "published \(manifest.name)@\(manifest.version ?? "")\(downgrade)", copied: copied)
        case .export(let path):
            files = try source.fileSources(for: manifest)
            let exported = try DirectoryExport.write(files, manifest: manifest, bundleBytes: source.bundleBytes, to: path,
                                                     transferID: transferID, workers: registry == nil ? request.jobs : 1)
            return outcome(manifest, report: report, reason: "exported to \(path)", copied: exported.copied,
                           bundle: exported.bundlePath)
        case .registry(let access):
            guard case let .store(store, name, version) = request.source, let tag = manifest.version else {
                throw TransferRejection(check: .version, reason: "a registry tag is the model version, and \(manifest.name) has none",
                                        manifest: manifest)
            }
            if let wanted = access.reference.tag, wanted != tag {
                throw ArtefactError.badInput("\(access.reference) names tag \(wanted), but the model's version is \(tag); leave the tag out")
            }
            let client = try RegistryClient(reference: access.reference, settings: access.tls, keyPassphrase: access.keyPassphrase,
                                            credentials: access.credentials)
            registry = client
            let pushed = try RegistryPush.push(try store.find(name: name, version: version ?? tag), version: tag, from: store, client: client)
            var copied = CopyTotals()
            copied.bytesCopied = pushed.bytesSent
            copied.bytesReused = pushed.bytesResumed
            copied.filesReused = pushed.blobsSkipped
            return outcome(manifest, report: report, reason: "pushed \(manifest.name)@\(tag) to \(access.reference)", copied: copied)
        }
    }

    private func checkExpectedIdentity(_ manifest: ModelManifest) throws {
        if let name = request.expectedName, name != manifest.name {
            throw TransferRejection(check: .model, reason: "the signed model is \(manifest.name), not \(name)", manifest: manifest)
        }
        if let version = request.expectedVersion, !ModelVersion.same(version, manifest.version) {
            throw TransferRejection(check: .model, reason: "the signed version is \(manifest.version ?? "(none)"), not \(version)",
                                    manifest: manifest)
        }
    }

    private func outcome(_ manifest: ModelManifest, report: VerificationReport, reason: String, alreadyPresent: Bool = false,
                         copied: CopyTotals = CopyTotals(), bundle: String? = nil) -> TransferOutcome {
        TransferOutcome(transferID: transferID, accepted: true, reason: reason, manifest: manifest, report: report,
                        alreadyPresent: alreadyPresent, bytesCopied: copied.bytesCopied, bytesReused: copied.bytesReused,
                        filesReused: copied.filesReused, exportedBundle: bundle)
    }

    /// A path as an audit entry records it: absolute where it can be resolved.
    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return FileSystem.canonicalPath(FileSystem.directoryName(path)).map { "\($0)/\(FileSystem.baseName(path))" } ?? path
    }

    /// Logs the crossing in the destination store (under its lock, still held) and then
    /// in the source store (under its own lock, after the destination's is released, so
    /// two opposite transfers cannot deadlock).
    mutating func log(result: AuditResult, reason: String, manifest: ModelManifest? = nil) throws {
        let model = (manifest ?? self.manifest).map {
            AuditModel(name: $0.name, version: $0.version, digest: $0.modelDigest.prefixed)
        } ?? request.expectedName.map { AuditModel(name: $0, version: request.expectedVersion, digest: nil) }
        let sourceEndpoint: AuditEndpoint
        switch request.source {
        case .store: sourceEndpoint = sourceStore!.endpoint
        case .registry(let access): sourceEndpoint = AuditEndpoint(location: access.reference.description, environment: nil, peer: registry?.peerSubject)
        case .directory: sourceEndpoint = AuditEndpoint(location: Self.absolute(request.source.description), environment: nil)
        }
        let destinationEndpoint: AuditEndpoint
        switch request.destination {
        case .store: destinationEndpoint = destinationStore!.endpoint
        case .registry(let access): destinationEndpoint = AuditEndpoint(location: access.reference.description, environment: nil, peer: registry?.peerSubject)
        case .export: destinationEndpoint = AuditEndpoint(location: Self.absolute(request.destination.description), environment: nil)
        }
        let draft = AuditDraft(action: .transferIn, model: model, source: sourceEndpoint, destination: destinationEndpoint,
                               signers: signers, result: result, reason: reason, transferID: transferID)
        if let destinationLog {
            var incoming = draft
            incoming.action = .transferIn
            try destinationLog.append(incoming)
        }
        lock = nil
        if let sourceStore, let sourceLog {
            let sourceLock = try StoreLock(layout: sourceStore.layout)
            defer { withExtendedLifetime(sourceLock) {} }
            var outgoing = draft
            if case .export = request.destination { outgoing.action = .export } else { outgoing.action = .transferOut }
            try sourceLog.append(outgoing)
        }
    }
}
