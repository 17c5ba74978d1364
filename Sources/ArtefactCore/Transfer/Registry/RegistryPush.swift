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

    static func push(_ model: StoredModel, version: String, from store: ModelStore, client: RegistryClient,
                     progress: HashProgress? = nil) throws -> Totals {
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
        // What goes up is every blob: the model's layers, its config and the bundle's.
        progress?.begin(totalBytes: blobs.reduce(Int64(0)) { $0.addingSaturated($1.size) })
        var totals = Totals()
        for blob in blobs {
            // A layer is titled with its file's path; the config and the bundle's blobs go by digest.
            let shownAs = blob.annotations[OCIMediaType.titleAnnotation] ?? blob.digest.prefixed
            progress?.started(shownAs)
            let counted = UploadProgress(progress)
            if try client.blobExists(blob.digest) {
                totals.blobsSkipped += 1
                counted.complete(size: blob.size)
                progress?.finished(shownAs)
                continue
            }
            let state = uploadStatePath(client: client, digest: blob.digest)
            let layout = store.layout
            let resumeURL = try layout.has(state) ? String(decoding: try layout.read(state, limit: 8192), as: UTF8.self) : nil
            let file: HTTPBodyFile
            do {
                // Counted from 0: bytes a resumed upload finds uploaded count with the first sent.
                file = HTTPBodyFile(try layout.directory.openForReading(StoreLayout.Relative.blob(blob.digest)), progress: counted)
            } catch {
                throw error.asArtefactError
            }
            let result = try client.uploadBlob(file: file, digest: blob.digest, length: blob.size, resumeURL: resumeURL) { location in
                do throws(SystemCallError) {
                    if let location { try layout.directory.writeFile(state, Array(location.utf8)) } else { try layout.directory.removeFile(state) }
                } catch {
                    throw error.asArtefactError
                }
            }
            totals.bytesSent += result.sent
            totals.bytesResumed += result.resumedAt
            counted.complete(size: blob.size)
            progress?.finished(shownAs)
            FaultInjection.reach("blob")
            try Interruption.check()
        }
        FaultInjection.reach("publish")
        try Interruption.check()
        try client.putManifest(imageBytes, reference: version)
        try client.putManifest(bundleBytes, reference: signatureTag(forManifest: model.manifest.digest))
        return totals
    }

    /// Where the URL of an unfinished upload is kept, in the source store's staging area
    /// (relative to the store).
    private static func uploadStatePath(client: RegistryClient, digest: SHA256Digest) -> String {
        let key = SHA256Hasher.digest(Array("\(client.reference.address)/\(client.reference.repository)/\(digest.hex)".utf8)).hex
        return StoreLayout.Relative.staged("upload-\(key.prefix(32)).url")
    }
}
