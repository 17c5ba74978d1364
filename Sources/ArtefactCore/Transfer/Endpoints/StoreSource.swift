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
