/// A model version in an OCI registry, tagged with its version, as a transfer's source
/// (a pull). What is fetched before the bundle is trusted, and how the signed model is
/// bound to the tag and image, is in `RegistryPull`.
final class RegistrySource: ModelSource {
    let access: RegistryAccess
    private var pulled: RegistryPull.Signed?

    init(_ access: RegistryAccess) {
        self.access = access
    }

    var description: String { access.reference.description }
    /// One registry connection is not shared between threads.
    var readsSequentially: Bool { true }
    var auditEndpoint: AuditEndpoint {
        AuditEndpoint(location: access.reference.description, environment: nil, peer: pulled?.client.peerSubject)
    }

    func loadBundle() throws -> SourceBundle {
        let pulled = try RegistryPull.fetchSigned(access)
        self.pulled = pulled
        return try SourceBundle(bytes: pulled.bundleBytes, source: access.reference.description,
                                description: "\(access.reference) (signature)")
    }

    func checkBinding(_ manifest: ModelManifest) throws {
        if let pulled { try RegistryPull.checkBinding(manifest, pulled: pulled, reference: access.reference) }
    }

    /// The image's layers, downloaded and hashed as they stream.
    func fileSources(for manifest: ModelManifest) throws -> [any ByteSource] {
        guard let pulled else { return [] }
        try StoredLayers.check(pulled.layers, against: manifest)
        return pulled.layers.map { RegistryBlobSource(client: pulled.client, digest: $0.digest, size: $0.size) }
    }
}
