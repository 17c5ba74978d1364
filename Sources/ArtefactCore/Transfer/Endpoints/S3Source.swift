/// A signed model under a prefix in object storage, as a transfer's source (a pull) or
/// what `verify s3://` reads in place: the bundle is `PREFIX/model.sig`, every signed file
/// the object `PREFIX/<relative path>` (see `S3PrefixContents`).
final class S3Source: ModelSource {
    let access: S3Access
    private var client: S3Client?

    init(_ access: S3Access) {
        self.access = access
    }

    var description: String { access.location.description }
    /// Where the bundle is, as reports name it.
    var bundleDescription: String { "\(access.location)/\(S3Location.bundleName)" }
    var auditEndpoint: AuditEndpoint {
        AuditEndpoint(location: access.location.description, environment: nil, peer: client?.peerSubject)
    }

    func loadBundle() throws -> SourceBundle {
        let client = try S3Client(access)
        self.client = client
        // A missing bucket or a refused key is named as such, not taken for a missing bundle.
        try client.checkBucket()
        guard let bytes = try client.getObject(access.location.bundleKey, limit: SignatureBundle.maximumSize) else {
            throw TransferRejection(check: .bundle,
                                    reason: "no \(S3Location.bundleName) under \(access.location): not a signed model, or an incomplete push")
        }
        return try SourceBundle(bytes: bytes, source: bundleDescription, description: bundleDescription)
    }

    /// A prefix claims nothing about the model beyond its bundle (no tag, no index): the
    /// transfer itself checks `--model`.
    func checkBinding(_ manifest: ModelManifest) throws {}

    /// The prefix must hold exactly the signed files at their signed sizes (ignored objects
    /// apart); each is then fetched with ranged GETs and hashed as it streams. The client
    /// keeps a pool of connections, so workers fetch in parallel.
    func fileSources(for manifest: ModelManifest) throws -> [any ByteSource] {
        guard let client else { return [] }
        let contents = try S3PrefixContents.list(access.location, client: client, fileCount: manifest.contents.files.count)
        let comparison = try contents.comparison(with: manifest)
        guard comparison.isClean else {
            throw TransferRejection(check: .integrity,
                                    reason: "the objects under \(access.location) differ from the signed manifest (\(comparison.summary))",
                                    manifest: manifest, detail: .fileDifferences(mismatched: comparison.mismatched, missing: comparison.missing,
                                                                                  extra: comparison.extra))
        }
        return manifest.contents.files.map { S3ObjectSource(client: client, key: access.location.key(for: $0.path), size: $0.size) }
    }
}
