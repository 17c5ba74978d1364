/// What a store says about one model it lists, read before the bundle is trusted: the
/// index entry's name and version, its image's annotations and config, and its signature
/// manifest's subject. Once the bundle verified, the signed model must agree with all of
/// it, so an edited index cannot pass one signed model off as another version or model.
struct StoredModelBinding {
    let model: StoredModel
    let claims: ModelImageClaims
    let configBytes: [UInt8]
    let subject: SHA256Digest

    static func read(_ model: StoredModel, in store: ModelStore) throws -> StoredModelBinding {
        let source = "\(model.label) in \(store.layout.root)"
        let claims = try ModelImageClaims.read(imageManifest: store.readBlob(model.manifest), source: "\(source) manifest")
        guard let bundleManifest = model.bundleManifest else { throw ArtefactError.rejected("\(source) has no signature") }
        let subject = try ModelImageClaims.subject(ofBundleManifest: store.readBlob(bundleManifest), source: "\(source) signature manifest")
        return StoredModelBinding(model: model, claims: claims, configBytes: try store.readBlob(claims.config), subject: subject)
    }

    func check(_ manifest: ModelManifest, store: String) throws {
        guard manifest.name == model.name, ModelVersion.same(manifest.version, model.version) else {
            throw TransferRejection(check: .model, reason: "store \(store) lists \(model.label), but its bundle signs "
                + "\(manifest.name)@\(manifest.version ?? "(no version)")", manifest: manifest)
        }
        guard subject == model.manifest.digest else {
            throw TransferRejection(check: .subject, reason: "the signature \(store) lists for \(model.label) signs another image, "
                + subject.prefixed, manifest: manifest)
        }
        if let disagreement = claims.disagreement(with: manifest, configBytes: configBytes) {
            throw TransferRejection(check: .subject, reason: "\(model.label) in \(store): \(disagreement)", manifest: manifest)
        }
    }
}
