/// A model version in a store, as a transfer's source (a nil version means the highest).
/// The store is opened once, by the endpoint parser; its index is read once, here.
final class StoreSource: ModelSource {
    let name: String
    let version: String?
    private let opened: ModelStore
    var store: ModelStore? { opened }
    /// The model found in the index, its file layers and what the store says about it.
    private(set) var model: StoredModel?
    private var layers: [OCIDescriptor] = []
    private var binding: StoredModelBinding?

    init(_ store: ModelStore, name: String, version: String?) {
        self.opened = store
        self.name = name
        self.version = version
    }

    var description: String { "\(opened.layout.root) (\(name)\(version.map { "@" + $0 } ?? ""))" }
    var auditEndpoint: AuditEndpoint { opened.endpoint }

    func loadBundle() throws -> SourceBundle {
        let model = try opened.find(name: name, version: version)
        let bytes = try opened.bundleBytes(of: model)
        let bundle = try SourceBundle(bytes: bytes, source: "\(model.label) in \(opened.layout.root)",
                                      description: "\(opened.layout.root) (\(model.label))")
        layers = try opened.layers(of: model)
        binding = try StoredModelBinding.read(model, in: opened)
        self.model = model
        return bundle
    }

    func checkBinding(_ manifest: ModelManifest) throws {
        try binding?.check(manifest, store: opened.layout.root)
    }

    /// The store's blobs, re-hashed as they are read.
    func fileSources(for manifest: ModelManifest) throws -> [any ByteSource] {
        try StoredLayers.check(layers, against: manifest)
        return zip(layers, manifest.contents.files).map {
            FileByteSource(directory: opened.layout.directory, path: StoreLayout.Relative.blob($0.digest), modelPath: $1.path, size: $1.size)
        }
    }
}

/// The file layers an image manifest lists, held to the signed file list.
enum StoredLayers {
    /// Refuses layers that are not the signed files, in order, with their sizes.
    static func check(_ layers: [OCIDescriptor], against manifest: ModelManifest) throws {
        guard layers.count == manifest.contents.files.count,
              zip(layers, manifest.contents.files).allSatisfy({
                  $0.annotations[OCIMediaType.titleAnnotation] == $1.path && $0.size == $1.size
              })
        else {
            throw TransferRejection(check: "integrity", reason: "the stored manifest's layers do not match the signed file list",
                                    manifest: manifest)
        }
    }
}
