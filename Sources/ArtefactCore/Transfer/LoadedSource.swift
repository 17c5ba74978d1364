/// A transfer's source, read: the bundle bytes and, per signed file, where its bytes are.
struct LoadedSource {
    let bundleBytes: [UInt8]
    let bundle: SignatureBundle
    let bundleDescription: String
    /// For a directory: its scanned tree. For a store: the model's file layers.
    private let tree: ScannedTree?
    private let store: (ModelStore, [OCIDescriptor])?
    private let directoryPath: String?
    /// For a registry: the client and the model manifest's layers.
    let registry: RegistryClient?
    private let registryLayers: [OCIDescriptor]
    /// For a registry: what was fetched, to bind the signed model to it.
    private var pulled: (RegistryPull.Signed, RegistryReference)? = nil
    /// For a store: what its index and image say, to bind the signed model to it.
    private var stored: StoredModelBinding? = nil

    static func load(_ source: TransferSource) throws -> LoadedSource {
        switch source {
        case .directory(let location):
            guard FileSystem.exists(location.bundlePath) else {
                throw TransferRejection(check: .bundle, reason: "no signature bundle at \(location.bundlePath); sign the model first")
            }
            let bytes: [UInt8]
            do { bytes = try SignatureBundle.readBytes(path: location.bundlePath) } catch let error as ArtefactError where error.kind == .rejected {
                throw TransferRejection(check: .bundle, reason: error.message)
            }
            return LoadedSource(bundleBytes: bytes, bundle: try decode(bytes, location.bundlePath), bundleDescription: location.bundlePath,
                                tree: nil, store: nil, directoryPath: location.modelPath, registry: nil, registryLayers: [])
        case let .store(store, name, version):
            let model = try store.find(name: name, version: version)
            let bytes = try store.bundleBytes(of: model)
            return LoadedSource(bundleBytes: bytes, bundle: try decode(bytes, "\(model.label) in \(store.layout.root)"),
                                bundleDescription: "\(store.layout.root) (\(model.label))", tree: nil,
                                store: (store, try store.layers(of: model)), directoryPath: nil, registry: nil, registryLayers: [],
                                stored: try StoredModelBinding.read(model, in: store))
        case .registry(let access):
            let pulled = try RegistryPull.fetchSigned(access)
            return LoadedSource(bundleBytes: pulled.bundleBytes, bundle: try decode(pulled.bundleBytes, access.reference.description),
                                bundleDescription: "\(access.reference) (signature)", tree: nil, store: nil, directoryPath: nil,
                                registry: pulled.client, registryLayers: pulled.layers, pulled: (pulled, access.reference))
        }
    }

    private static func decode(_ bytes: [UInt8], _ source: String) throws -> SignatureBundle {
        do { return try SignatureBundle.decode(bytes, source: source) } catch let error as ArtefactError where error.kind == .rejected {
            throw TransferRejection(check: .bundle, reason: error.message)
        }
    }

    /// Refuses a verified model that is not what a registry or store said it was (every
    /// source is also held to `--model` by the transfer).
    func checkBinding(_ manifest: ModelManifest) throws {
        if let (signed, reference) = pulled { try RegistryPull.checkBinding(manifest, pulled: signed, reference: reference) }
        if let stored, let (store, _) = store { try stored.check(manifest, store: store.layout.root) }
    }

    /// Where each signed file's bytes are, in the manifest's order. The source must hold
    /// exactly the signed files and symlinks; anything else rejects the artefact.
    func fileSources(for manifest: ModelManifest) throws -> [any ByteSource] {
        if let directoryPath {
            let hasher = ModelHasher(ignore: try IgnoreRules(patterns: manifest.ignore), hashing: manifest.hashing, jobs: 1)
            let tree: ScannedTree
            do { tree = try hasher.scan(directoryPath) } catch let problem as TreeProblem {
                throw TransferRejection(check: .integrity, reason: problem.description, manifest: manifest)
            }
            // Compare paths, sizes, kinds and link targets now; contents are hashed while copying.
            let shape = ModelContents(files: tree.files.map { ModelFile(path: $0.path, size: $0.size, digest: .shards([])) },
                                      symlinks: tree.symlinks)
            let expected = ModelContents(files: manifest.contents.files.map { ModelFile(path: $0.path, size: $0.size, digest: .shards([])) },
                                         symlinks: manifest.contents.symlinks)
            let comparison = IntegrityComparison(expected: expected, actual: shape)
            guard comparison.isClean else {
                throw TransferRejection(check: .integrity, reason: "the model's files differ from the signed manifest (\(comparison.summary))",
                                        manifest: manifest)
            }
            return manifest.contents.files.map { FileByteSource(directory: tree.directory, path: $0.path, modelPath: $0.path, size: $0.size) }
        }
        let layers = store?.1 ?? registryLayers
        guard layers.count == manifest.contents.files.count,
              zip(layers, manifest.contents.files).allSatisfy({
                  $0.annotations[OCIMediaType.titleAnnotation] == $1.path && $0.size == $1.size
              })
        else {
            throw TransferRejection(check: .integrity, reason: "the stored manifest's layers do not match the signed file list",
                                    manifest: manifest)
        }
        if let registry {
            return layers.map { RegistryBlobSource(client: registry, digest: $0.digest, size: $0.size) }
        }
        let storeRoot = store!.0
        return zip(layers, manifest.contents.files).map {
            FileByteSource(directory: storeRoot.layout.directory, path: StoreLayout.Relative.blob($0.digest), modelPath: $1.path, size: $1.size)
        }
    }
}
