/// A store as a transfer's destination: it verifies under its own policy, refuses
/// rollbacks, ingests every file into its content-addressed blobs and publishes the
/// model by rewriting its index last.
final class StoreDestination: ModelDestination {
    private let opened: ModelStore
    /// The index and state, read once under the lock the crossing holds, for the rollback
    /// guard and then the publish.
    private var index: StoreIndex?
    private var state: StoreState?
    var store: ModelStore? { opened }

    init(_ store: ModelStore) {
        self.opened = store
    }

    var description: String { opened.layout.root }
    var auditEndpoint: AuditEndpoint { opened.endpoint }
    /// The staged files are kept, and a rerun reuses every byte that still matches.
    var rerunAfterInterruption: String { "staging kept; rerun the same command to resume" }
    /// Never asked: a store has its own policy.
    var needsSourceStore: String { "" }

    func admit(_ manifest: ModelManifest, from source: any ModelSource, policy: TrustPolicy) throws -> Admission {
        let decision = try RollbackGuard.check(manifest, index: { try readOnce(\.index, opened.index) },
                                               state: { try readOnce(\.state, opened.state) }, policy: policy)
        guard let decision else {
            return Admission(alreadyPresent: true)
        }
        return Admission(version: decision.version, downgradedFrom: decision.downgradedFrom)
    }

    func receive(_ model: VerifiedModel, from source: any ModelSource, admission: Admission) throws -> Delivery {
        let manifest = model.manifest
        // Every source byte is read and hashed even when the store holds this exact model
        // already: a source that does not verify is rejected, never "present".
        let files = try source.fileSources(for: manifest)
        let copied = try StoreIngest.copy(files, manifest: manifest, into: opened, workers: model.workers, progress: model.progress)
        guard !admission.alreadyPresent, let version = admission.version else {
            return Delivery(reason: "already present with the same digest", copied: copied, alreadyPresent: true)
        }
        FaultInjection.reach("publish")
        try Interruption.check()
        try opened.publish(ModelImage(manifest: manifest, bundleBytes: model.bundleBytes, blobDigests: copied.blobDigests), version: version,
                           onto: try readOnce(\.index, opened.index), state: try readOnce(\.state, opened.state))
        let downgrade = admission.downgradedFrom.map { " (a downgrade from \($0.text), allowed by policy allow_downgrade)" } ?? ""
        return Delivery(reason: "published \(manifest.name)@\(manifest.version ?? "")\(downgrade)", copied: copied)
    }

    private func readOnce<Value>(_ cache: ReferenceWritableKeyPath<StoreDestination, Value?>, _ read: () throws -> Value) throws -> Value {
        if let value = self[keyPath: cache] { return value }
        let value = try read()
        self[keyPath: cache] = value
        return value
    }
}
