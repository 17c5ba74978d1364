/// One end a transfer puts a model: a store, an export directory, a registry, an S3
/// prefix. `Crossing` drives every destination through the same steps.
protocol ModelDestination: AnyObject {
    /// The destination as messages and `--json` name it.
    var description: String { get }
    /// The store this destination is, when it is one: its policy decides, its lock is held
    /// for the whole crossing, and its crossing log records it.
    var store: ModelStore? { get }
    /// Why the source must be a store when this destination has no policy of its own.
    var needsSourceStore: String { get }
    /// What the source store's log calls a crossing to this destination.
    var outgoingAction: AuditAction { get }
    /// This destination as one end of a crossing in an audit entry.
    var auditEndpoint: AuditEndpoint { get }
    /// What running the same command again does after a signal stopped the crossing
    /// (nothing is ever published by then): the end of the `interrupted` line.
    var rerunAfterInterruption: String { get }

    /// What this destination refuses before a byte moves (a store's rollback guard, a
    /// registry's tag), and what it will record.
    func admit(_ manifest: ModelManifest, from source: any ModelSource, policy: TrustPolicy) throws -> Admission
    /// Receives the verified model's files from `source`, each hashed as it streams and
    /// compared with its signed digest, then publishes the model, whole or not at all.
    func receive(_ model: VerifiedModel, from source: any ModelSource, admission: Admission) throws -> Delivery
}

extension ModelDestination {
    var store: ModelStore? { nil }
    var outgoingAction: AuditAction { .transferOut }
    var rerunAfterInterruption: String { "nothing was published; rerun the same command to start again" }
}
