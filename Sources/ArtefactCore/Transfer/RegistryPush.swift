/// Pushes a stored model version to a registry: every blob the registry lacks (uploads
/// resume from where a cut connection left them), then the model manifest tagged with the
/// version, then the signature manifest under the `sha256-<digest>.sig` tag (registries
/// with a referrers API also index it through its `subject`).
enum RegistryPush {
    struct Totals {
        var bytesSent: Int64 = 0
        var bytesResumed: Int64 = 0
        var blobsSkipped = 0
    }

    static func signatureTag(forManifest digest: SHA256Digest) -> String { "sha256-\(digest.hex).sig" }

    static func push(_ model: StoredModel, version: String, from store: ModelStore, client: RegistryClient) throws -> Totals {
        guard let bundleManifest = model.bundleManifest else {
            throw ArtefactError.rejected("\(model.label) in \(store.layout.root) has no signature")
        }
        let imageBytes = try store.readBlob(model.manifest)
        let bundleBytes = try store.readBlob(bundleManifest)
        var blobs: [OCIDescriptor] = []
        for manifest in [imageBytes, bundleBytes] {
            let failure = { @Sendable (message: String) in ArtefactError.operational("\(store.layout.root): \(message)") }
            var reader = try JSONObjectReader(try StrictJSONParser.parse(manifest), context: "manifest", failure: failure)
            blobs.append(try OCIDescriptor.decode(try reader.requiredValue("config"), context: "config", failure: failure))
            blobs += try reader.array("layers").map { try OCIDescriptor.decode($0, context: "layer", failure: failure) }
        }
        var seen = Set<SHA256Digest>()
        blobs = blobs.filter { seen.insert($0.digest).inserted }
        try client.ping()
        var totals = Totals()
        for blob in blobs {
            if try client.blobExists(blob.digest) {
                totals.blobsSkipped += 1
                continue
            }
            let state = uploadStatePath(store: store, client: client, digest: blob.digest)
            let resumeURL = FileSystem.exists(state) ? String(decoding: try FileSystem.readFile(state, limit: 8192), as: UTF8.self) : nil
            let result = try client.uploadBlob(path: store.layout.blob(blob.digest), digest: blob.digest, length: blob.size,
                                               resumeURL: resumeURL) { location in
                if let location { try AtomicFile.write(Array(location.utf8), to: state) } else { FileSystem.removeFile(state) }
            }
            totals.bytesSent += result.sent
            totals.bytesResumed += result.resumedAt
            FaultInjection.reach("blob")
        }
        FaultInjection.reach("publish")
        try client.putManifest(imageBytes, reference: version)
        try client.putManifest(bundleBytes, reference: signatureTag(forManifest: model.manifest.digest))
        return totals
    }

    /// Where the URL of an unfinished upload is kept, in the source store's staging area.
    private static func uploadStatePath(store: ModelStore, client: RegistryClient, digest: SHA256Digest) -> String {
        let key = SHA256Hasher.digest(Array("\(client.reference.address)/\(client.reference.repository)/\(digest.hex)".utf8)).hex
        return "\(store.layout.staging)/upload-\(key.prefix(32)).url"
    }
}
