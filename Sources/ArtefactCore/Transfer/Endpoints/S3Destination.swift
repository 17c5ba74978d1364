/// A prefix in object storage as a transfer's destination (a push): the source store's
/// model goes up as plain objects, its bundle last (`S3Push`), under the source store's
/// policy. A prefix keeps no versions and has no policy of its own; the push itself refuses
/// a prefix that holds another model.
final class S3Destination: ModelDestination {
    let access: S3Access
    private var client: S3Client?

    init(_ access: S3Access) {
        self.access = access
    }

    var description: String { access.location.description }
    var auditEndpoint: AuditEndpoint {
        AuditEndpoint(location: access.location.description, environment: nil, peer: client?.peerSubject)
    }
    /// No bundle was written; a rerun keeps the objects that hold our bytes, and a
    /// multipart upload keeps the parts its record in staging lists.
    var rerunAfterInterruption: String {
        "no \(S3Location.bundleName) was written; the objects and parts already uploaded are kept; rerun the same command to resume"
    }
    var needsSourceStore: String {
        "a push to object storage starts from a store, whose policy applies; transfer the model into a store first"
    }

    /// A signed file at the root path `model.sig` would take the bundle's key: such a model
    /// cannot be laid out in a bucket.
    func admit(_ manifest: ModelManifest, from source: any ModelSource, policy: TrustPolicy) throws -> Admission {
        guard source is StoreSource else { throw ArtefactError.badInput(needsSourceStore) }
        if manifest.contents.files.contains(where: { $0.path == S3Location.bundleName }) {
            throw ArtefactError.badInput("\(manifest.name) has a file named \(S3Location.bundleName) at its root, where the bundle goes "
                + "in a bucket; it cannot be pushed to object storage")
        }
        return Admission()
    }

    func receive(_ model: VerifiedModel, from source: any ModelSource, admission: Admission) throws -> Delivery {
        guard let source = source as? StoreSource, let store = source.store, let stored = source.model else {
            throw ArtefactError.badInput(needsSourceStore)
        }
        let client = try S3Client(access)
        self.client = client
        try client.checkBucket()
        let pushed = try S3Push(access: access, client: client, store: store, workers: model.workers, progress: model.progress)
            .push(stored, manifest: model.manifest, bundleBytes: model.bundleBytes)
        var copied = CopyTotals()
        copied.bytesCopied = pushed.bytesSent
        copied.bytesReused = pushed.bytesReused
        copied.filesReused = pushed.filesReused
        let label = "\(model.manifest.name)@\(model.manifest.version ?? "")"
        guard !pushed.alreadyPresent else {
            return Delivery(reason: "\(access.location) holds \(label) already", copied: copied, alreadyPresent: true)
        }
        return Delivery(reason: "pushed \(label) to \(access.location)", copied: copied)
    }
}
