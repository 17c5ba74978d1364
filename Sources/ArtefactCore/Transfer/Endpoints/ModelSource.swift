/// One end a transfer takes a signed model from: a model directory, a store, a registry,
/// an S3 prefix. `Crossing` drives every source through the same steps (and
/// `SourceVerifier` verifies one in place); a source only knows how to read itself.
protocol ModelSource: AnyObject {
    /// The source as messages and `--json` name it.
    var description: String { get }
    /// The store this source is, when it is one: its policy applies to an export or a push,
    /// and its crossing log records the transfer.
    var store: ModelStore? { get }
    /// Whether the files must be read on one thread (one network connection is not shared).
    var readsSequentially: Bool { get }
    /// This source as one end of a crossing in an audit entry.
    var auditEndpoint: AuditEndpoint { get }

    /// Reads the signature bundle, not yet trusted (a missing or malformed one is a
    /// rejection of check `bundle`).
    func loadBundle() throws -> SourceBundle
    /// Refuses a verified model that is not what this source said it was (a store's index
    /// and image, a registry's tag and image); `--model` is checked by the crossing.
    func checkBinding(_ manifest: ModelManifest) throws
    /// Where each signed file's bytes are, in the manifest's order. The source must hold
    /// exactly the signed files and symlinks; anything else rejects the artefact.
    func fileSources(for manifest: ModelManifest) throws -> [any ByteSource]
}

extension ModelSource {
    var store: ModelStore? { nil }
    var readsSequentially: Bool { false }
}
