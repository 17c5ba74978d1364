/// The blobs a store's index reaches: every manifest, and each manifest's config and layers.
enum StoreReferences {
    /// Digests of every referenced blob, and the references that could not be read.
    static func collect(_ store: ModelStore, index: StoreIndex) throws -> (referenced: Set<SHA256Digest>, unreadable: [String]) {
        var referenced = Set<SHA256Digest>()
        var unreadable: [String] = []
        for descriptor in index.manifests {
            referenced.insert(descriptor.digest)
            do {
                let bytes = try store.readBlob(descriptor)
                let failure = { @Sendable (message: String) in ArtefactError.rejected(message) }
                var reader = try JSONObjectReader(try StrictJSONParser.parse(bytes), context: "manifest", failure: failure)
                if let config = reader.optionalValue("config") {
                    referenced.insert(try OCIDescriptor.decode(config, context: "config", failure: failure).digest)
                }
                for layer in try reader.array("layers") {
                    referenced.insert(try OCIDescriptor.decode(layer, context: "layer", failure: failure).digest)
                }
            } catch {
                unreadable.append("manifest \(descriptor.digest.prefixed): \(error)")
            }
        }
        return (referenced, unreadable)
    }

    /// The blob files present (regular files only, never followed), by digest, with their
    /// sizes, and the blob directory they are in.
    static func present(_ store: ModelStore) throws -> (directory: Directory, blobs: [(digest: SHA256Digest, size: Int64)]) {
        do {
            let directory = try store.layout.directory.openDirectory(StoreLayout.Relative.blobs)
            var blobs: [(digest: SHA256Digest, size: Int64)] = []
            for name in try directory.entries() {
                guard let digest = SHA256Digest(hex: name), let info = try directory.statusIfPresent(name),
                      info.isRegularFile else { continue }
                blobs.append((digest, info.byteCount))
            }
            return (directory, blobs)
        } catch {
            throw error.asArtefactError
        }
    }

    /// Every symlink inside the store (relative paths), found by walking the whole store
    /// without following any: a store never holds one, and never follows one.
    static func symlinks(in store: ModelStore) throws -> [String] {
        var found: [String] = []
        var pending: [String] = [""]
        do {
            while let relative = pending.popLast() {
                let directory = relative.isEmpty ? store.layout.directory : try store.layout.directory.openDirectory(relative)
                for name in try directory.entries().sorted() {
                    let path = relative.isEmpty ? name : "\(relative)/\(name)"
                    guard let info = try directory.statusIfPresent(name) else { continue }
                    if info.isSymlink { found.append(path) }
                    if info.isDirectory { pending.append(path) }
                }
            }
        } catch {
            throw error.asArtefactError
        }
        return found.sorted()
    }
}

/// `store verify`: re-hash every blob and report bit rot and missing blobs.
public enum StoreVerifier {
    public struct Result: Sendable {
        public let blobCount: Int
        public let bytes: Int64
        public let corrupt: [String]
        public let missing: [String]
        public let unreadable: [String]
        /// Symlinks found inside the store (relative paths); artefact refuses to use any.
        public let symlinks: [String]
        public var isClean: Bool { corrupt.isEmpty && missing.isEmpty && unreadable.isEmpty && symlinks.isEmpty }
    }

    public static func verify(_ store: ModelStore, jobs: Int) throws -> Result {
        let symlinks = try StoreReferences.symlinks(in: store)
        var unreadable: [String] = []
        // A symlinked blob directory is reported, never read through.
        var present: [(digest: SHA256Digest, size: Int64)] = []
        var hashed: [ModelFile] = []
        do {
            let (directory, blobs) = try StoreReferences.present(store)
            present = blobs
            let tree = ScannedTree(root: store.layout.blobs, directory: directory,
                                   files: present.map { ScannedFile(path: $0.digest.hex, size: $0.size) }
                                       .sorted { ModelPath.precedes($0.path, $1.path) }, symlinks: [])
            hashed = try ParallelHasher(jobs: jobs, parameters: .files).hash(tree)
        } catch let error as ArtefactError {
            unreadable.append("\(StoreLayout.Relative.blobs): \(error.message)")
        }
        let corrupt = hashed.filter { $0.digest != .whole(SHA256Digest(hex: $0.path)!) }.map { SHA256Digest.prefix + $0.path }
        var referenced = Set<SHA256Digest>()
        do {
            let collected = try StoreReferences.collect(store, index: try store.index())
            referenced = collected.referenced
            unreadable += collected.unreadable
        } catch let error as ArtefactError {
            unreadable.append(error.message)
        }
        let presentSet = Set(present.map(\.digest))
        let missing = referenced.subtracting(presentSet).map(\.prefixed).sorted()
        return Result(blobCount: present.count, bytes: present.reduce(0) { $0 + $1.size }, corrupt: corrupt, missing: missing,
                      unreadable: unreadable, symlinks: symlinks)
    }
}

/// `store gc`: remove blobs no manifest references, and staging data of transfers that
/// are not running (gc holds the store lock, so none is).
public enum StoreGarbageCollector {
    public struct Result: Sendable {
        public let removedBlobs: Int
        public let removedBytes: Int64
        public let removedPartials: Int
    }

    /// Removes only through the store's own directories, opened without following a
    /// symlink: a symlinked `blobs/sha256` or `artefact/staging` stops the collection
    /// before anything is removed, and a symlink inside them is removed, never followed.
    public static func collect(_ store: ModelStore) throws -> Result {
        let (referenced, unreadable) = try StoreReferences.collect(store, index: try store.index())
        guard unreadable.isEmpty else {
            throw ArtefactError.rejected("not collecting: \(unreadable[0]); run 'artefact store verify'")
        }
        let (blobs, present) = try StoreReferences.present(store)
        let staging: Directory?
        do {
            staging = try store.layout.directory.statusIfPresent(StoreLayout.Relative.staging) != nil
                ? try store.layout.directory.openDirectory(StoreLayout.Relative.staging) : nil
        } catch {
            throw error.asArtefactError
        }
        do {
            return try remove(present.filter { !referenced.contains($0.digest) }, from: blobs, partialsIn: staging)
        } catch {
            throw error.asArtefactError
        }
    }

    private static func remove(_ unreferenced: [(digest: SHA256Digest, size: Int64)], from blobs: Directory,
                               partialsIn staging: Directory?) throws(SystemCallError) -> Result {
        for blob in unreferenced { try blobs.removeFile(blob.digest.hex) }
        let partials = try staging?.entries() ?? []
        for name in partials { try staging?.removeTree(name) }
        // Temporary files of atomic writes that a killed process left behind.
        for name in try blobs.entries() where name.hasPrefix(".") && name.contains(".tmp-") {
            try blobs.removeFile(name)
        }
        return Result(removedBlobs: unreferenced.count, removedBytes: unreferenced.reduce(0) { $0 + $1.size },
                      removedPartials: partials.count)
    }
}

/// `diff`: how two stores differ, model by model.
public struct StoreDiff: Sendable {
    public let onlyInFirst: [StoredModel]
    public let onlyInSecond: [StoredModel]
    /// Versions in both whose model digests differ.
    public let differing: [(first: StoredModel, second: StoredModel)]
    /// The newest version of each model name on each side.
    public let newest: [(name: String, first: String?, second: String?)]

    public init(_ first: StoreIndex, _ second: StoreIndex) {
        let a = first.models
        let b = second.models
        func key(_ model: StoredModel) -> String { "\(model.name)\u{0}\(ModelVersion.key(model.version))" }
        let bByKey = Dictionary(b.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        let aKeys = Set(a.map(key))
        onlyInFirst = a.filter { bByKey[key($0)] == nil }
        onlyInSecond = b.filter { !aKeys.contains(key($0)) }
        differing = a.compactMap { model in
            guard let other = bByKey[key(model)], other.modelDigest != model.modelDigest else { return nil }
            return (model, other)
        }
        func newestVersion(_ models: [StoredModel], _ name: String) -> String? {
            models.filter { $0.name == name }.compactMap { $0.version.flatMap(ModelVersion.init) }.max()?.text
        }
        let names = Set(a.map(\.name)).union(b.map(\.name)).sorted()
        newest = names.map { ($0, newestVersion(a, $0), newestVersion(b, $0)) }
    }

    public var isInSync: Bool { onlyInFirst.isEmpty && onlyInSecond.isEmpty && differing.isEmpty }
}
