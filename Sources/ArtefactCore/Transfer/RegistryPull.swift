/// Fetches what a pull needs before any file: the model manifest by its version tag, its
/// signature manifest by the `sha256-<digest>.sig` tag, and the bundle, each checked
/// against its digest. A tag with no signature is an unsigned model: rejected.
enum RegistryPull {
    struct Signed {
        let client: RegistryClient
        let layers: [OCIDescriptor]
        let bundleBytes: [UInt8]
    }

    static func fetchSigned(_ access: RegistryAccess) throws -> Signed {
        guard let tag = access.reference.tag else {
            throw ArtefactError.badInput("name the version to pull as the tag: \(access.reference):VERSION")
        }
        let client = try RegistryClient(reference: access.reference, settings: access.tls, keyPassphrase: access.keyPassphrase,
                                        credentials: access.credentials)
        try client.ping()
        guard let manifest = try client.manifest(tag) else {
            throw ArtefactError.badInput("\(access.reference) does not exist in the registry")
        }
        let digest = SHA256Hasher.digest(manifest)
        let layers = try ModelImage.layers(ofImageManifest: manifest, source: "\(access.reference) manifest")
        guard let signature = try client.manifest(RegistryPush.signatureTag(forManifest: digest)) else {
            throw TransferRejection(check: "bundle", reason: "\(access.reference) (sha256:\(digest.hex)) has no signature in the registry")
        }
        let bundleLayer = try ModelImage.bundleLayer(ofBundleManifest: signature, source: "\(access.reference) signature manifest")
        let bundleBytes = try client.readSmallBlob(bundleLayer.digest, limit: SignatureBundle.maximumSize)
        return Signed(client: client, layers: layers, bundleBytes: bundleBytes)
    }
}
