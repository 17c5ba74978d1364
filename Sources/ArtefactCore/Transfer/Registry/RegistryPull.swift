/// Fetches what a pull needs before any file: the model manifest by its version tag, its
/// signature manifest by the `sha256-<digest>.sig` tag, and the bundle, each checked
/// against its digest. A tag with no signature is an unsigned model: rejected. The
/// signature manifest must name the fetched manifest as its subject, and once the bundle
/// verified, `checkBinding` holds the signed model to the tag, `--model`, and what the
/// image's annotations and config say.
enum RegistryPull {
    struct Signed {
        let client: RegistryClient
        let layers: [OCIDescriptor]
        let bundleBytes: [UInt8]
        let tag: String
        let claims: ModelImageClaims
        let configBytes: [UInt8]
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
        let source = "\(access.reference) manifest"
        let layers = try ModelImage.layers(ofImageManifest: manifest, source: source)
        let claims = try ModelImageClaims.read(imageManifest: manifest, source: source)
        guard let signature = try client.manifest(RegistryPush.signatureTag(forManifest: digest)) else {
            throw TransferRejection(check: .bundle, reason: "\(access.reference) (\(digest.prefixed)) has no signature in the registry")
        }
        let signatureSource = "\(access.reference) signature manifest"
        let subject = try ModelImageClaims.subject(ofBundleManifest: signature, source: signatureSource)
        guard subject == digest else {
            throw TransferRejection(check: .subject, reason: "the signature found for \(access.reference) (\(digest.prefixed)) "
                + "signs another image, \(subject.prefixed)")
        }
        let bundleLayer = try ModelImage.bundleLayer(ofBundleManifest: signature, source: signatureSource)
        let bundleBytes = try client.readSmallBlob(bundleLayer.digest, limit: SignatureBundle.maximumSize)
        let configBytes = try client.readSmallBlob(claims.config.digest, limit: SignatureBundle.maximumSize)
        return Signed(client: client, layers: layers, bundleBytes: bundleBytes, tag: tag, claims: claims, configBytes: configBytes)
    }

    /// Refuses a verified model that is not the one asked for: its signed version must be
    /// the tag pulled, and the image's annotations and config must say what the payload
    /// says. (`--model` is checked for every source by the transfer itself.)
    static func checkBinding(_ manifest: ModelManifest, pulled: Signed, reference: RegistryReference) throws {
        guard ModelVersion.same(manifest.version, pulled.tag) else {
            throw TransferRejection(check: .model, reason: "\(reference) holds \(manifest.name)@\(manifest.version ?? "(no version)"), "
                + "whose signed version is not the tag \(pulled.tag)", manifest: manifest)
        }
        if let disagreement = pulled.claims.disagreement(with: manifest, configBytes: pulled.configBytes) {
            throw TransferRejection(check: .subject, reason: "\(reference): \(disagreement)", manifest: manifest)
        }
    }
}
