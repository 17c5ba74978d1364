/// A store's `index.json`: the OCI image index listing every model manifest and every
/// signature (bundle) manifest. Publishing a model is one atomic rewrite of this file.
public struct StoreIndex: Sendable {
    public private(set) var manifests: [OCIDescriptor]

    public init(manifests: [OCIDescriptor] = []) { self.manifests = manifests }

    public var json: JSONValue {
        jsonObject([("schemaVersion", .integer(2)), ("mediaType", .string(OCIMediaType.imageIndex)),
                    ("manifests", .array(manifests.map(\.json)))])
    }

    static func read(_ layout: StoreLayout) throws -> StoreIndex {
        let failure = { @Sendable (message: String) in ArtefactError.operational("store \(layout.root): index.json: \(message)") }
        let value = try StrictJSONParser.parse(layout.read(StoreLayout.Relative.index, limit: 256 << 20), failure: failure)
        var reader = try JSONObjectReader(value, context: "index", failure: failure)
        let manifests = try reader.array("manifests").enumerated().map { index, value in
            try OCIDescriptor.decode(value, context: "manifests[\(index)]", failure: failure)
        }
        return StoreIndex(manifests: manifests)
    }

    func write(_ layout: StoreLayout) throws {
        try layout.write(StoreLayout.Relative.index, JSONWriter.pretty(json))
    }

    /// Every model version the index lists.
    public var models: [StoredModel] {
        manifests.compactMap { descriptor in
            guard descriptor.artifactType == OCIMediaType.modelArtifact,
                  let name = descriptor.annotations[OCIMediaType.nameAnnotation]
            else { return nil }
            let bundleManifest = manifests.first {
                $0.artifactType == OCIMediaType.bundle && $0.annotations[OCIMediaType.subjectAnnotation] == descriptor.digest.prefixed
            }
            return StoredModel(name: name, version: descriptor.annotations[OCIMediaType.versionAnnotation],
                               modelDigest: descriptor.annotations[OCIMediaType.digestAnnotation] ?? "",
                               classification: descriptor.annotations[OCIMediaType.classificationAnnotation] ?? "",
                               manifest: descriptor, bundleManifest: bundleManifest)
        }
    }

    /// Adds a model's two manifests, replacing any earlier entry for the same name and version.
    mutating func add(_ image: ModelImage) {
        let image = (image.imageDescriptor, image.bundleManifestDescriptor)
        let name = image.0.annotations[OCIMediaType.nameAnnotation]
        let version = image.0.annotations[OCIMediaType.versionAnnotation]
        let replaced = Set(models.filter { $0.name == name && ModelVersion.same($0.version, version) }
            .flatMap { [$0.manifest.digest] + ($0.bundleManifest.map { [$0.digest] } ?? []) })
        manifests.removeAll { replaced.contains($0.digest) }
        manifests.append(image.0)
        manifests.append(image.1)
    }
}
