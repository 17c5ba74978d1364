/// A plain directory for an inference server, absent or empty, as a transfer's
/// destination: written whole or not at all (`DirectoryExport`), under the source store's
/// policy.
final class ExportDestination: ModelDestination {
    let path: String

    init(_ path: String) {
        self.path = path
    }

    var description: String { path }
    var auditEndpoint: AuditEndpoint { AuditEndpoint(local: path) }
    var needsSourceStore: String {
        "exporting to a plain directory needs a store as the source, whose policy applies; transfer the model into a store first"
    }
    var outgoingAction: AuditAction { .export }

    /// An export keeps no versions: nothing to refuse before the files.
    func admit(_ manifest: ModelManifest, from source: any ModelSource, policy: TrustPolicy) throws -> Admission { Admission() }

    func receive(_ model: VerifiedModel, from source: any ModelSource, admission: Admission) throws -> Delivery {
        let files = try source.fileSources(for: model.manifest)
        let exported = try DirectoryExport.write(files, manifest: model.manifest, bundleBytes: model.bundleBytes, to: path,
                                                 transferID: model.transferID, workers: model.workers,
                                                 progress: model.progress)
        return Delivery(reason: "exported to \(path)", copied: exported.copied, exportedBundle: exported.bundlePath)
    }
}
