/// An OCI registry repository as a transfer's destination (a push): the source store's
/// image is pushed as it is stored, tagged with the model's version (`RegistryPush`),
/// under the source store's policy.
final class RegistryDestination: ModelDestination {
    let access: RegistryAccess
    private var client: RegistryClient?

    init(_ access: RegistryAccess) {
        self.access = access
    }

    var description: String { access.reference.description }
    var auditEndpoint: AuditEndpoint {
        AuditEndpoint(location: access.reference.description, environment: nil, peer: client?.peerSubject)
    }
    /// No tag was written; blobs already in the registry are skipped by a rerun, and an
    /// unfinished upload continues where the registry has it (its URL is in staging).
    var rerunAfterInterruption: String {
        "nothing was tagged; the blobs already uploaded are kept; rerun the same command to resume"
    }
    var needsSourceStore: String {
        "a push to a registry starts from a store, whose policy applies; transfer the model into a store first"
    }

    /// A registry tag is the model's version: a model without one cannot be pushed, and a
    /// reference naming another tag is a mistake.
    func admit(_ manifest: ModelManifest, from source: any ModelSource, policy: TrustPolicy) throws -> Admission {
        guard source is StoreSource, let tag = manifest.version else {
            throw TransferRejection(check: .version, reason: "a registry tag is the model version, and \(manifest.name) has none",
                                    manifest: manifest)
        }
        if let wanted = access.reference.tag, wanted != tag {
            throw ArtefactError.badInput("\(access.reference) names tag \(wanted), but the model's version is \(tag); leave the tag out")
        }
        return Admission()
    }

    func receive(_ model: VerifiedModel, from source: any ModelSource, admission: Admission) throws -> Delivery {
        guard let source = source as? StoreSource, let store = source.store, let stored = source.model, let tag = model.manifest.version else {
            throw ArtefactError.badInput(needsSourceStore)
        }
        let client = try RegistryClient(reference: access.reference, settings: access.tls, keyPassphrase: access.keyPassphrase,
                                        credentials: access.credentials)
        self.client = client
        let pushed = try RegistryPush.push(stored, version: tag, from: store, client: client, progress: model.progress)
        var copied = CopyTotals()
        copied.bytesCopied = pushed.bytesSent
        copied.bytesReused = pushed.bytesResumed
        copied.filesReused = pushed.blobsSkipped
        return Delivery(reason: "pushed \(model.manifest.name)@\(tag) to \(access.reference)", copied: copied)
    }
}
