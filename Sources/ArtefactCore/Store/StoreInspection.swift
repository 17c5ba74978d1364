/// The blobs a store's index reaches: every manifest, and each manifest's config and layers.
enum StoreReferences {
    /// Digests of every referenced blob, and the references that could not be read.
    static func collect(_ store: ModelStore) throws -> (referenced: Set<SHA256Digest>, unreadable: [String]) {
        var referenced = Set<SHA256Digest>()
        var unreadable: [String] = []
        for descriptor in try store.index().manifests {
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
                unreadable.append("manifest sha256:\(descriptor.digest.hex): \(error)")
            }
        }
        return (referenced, unreadable)
    }

    /// The blob files present, by digest, with their sizes.
    static func present(_ store: ModelStore) throws -> [(digest: SHA256Digest, size: Int64)] {
        try FileSystem.directoryEntries(store.layout.blobs).compactMap { name in
            guard let digest = SHA256Digest(hex: name), let size = FileSystem.sizeIfPresent(store.layout.blob(digest)) else { return nil }
            return (digest, size)
        }
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
        public var isClean: Bool { corrupt.isEmpty && missing.isEmpty && unreadable.isEmpty }
    }

    public static func verify(_ store: ModelStore, jobs: Int) throws -> Result {
        let present = try StoreReferences.present(store)
        let tree = ScannedTree(root: store.layout.blobs, files: present.map { ScannedFile(path: $0.digest.hex, size: $0.size) }
            .sorted { ModelPath.precedes($0.path, $1.path) }, symlinks: [])
        let hashed = try ParallelHasher(jobs: jobs, parameters: .files).hash(tree)
        let corrupt = hashed.filter { $0.digest != .whole(SHA256Digest(hex: $0.path)!) }.map { "sha256:\($0.path)" }
        let (referenced, unreadable) = try StoreReferences.collect(store)
        let presentSet = Set(present.map(\.digest))
        let missing = referenced.subtracting(presentSet).map { "sha256:\($0.hex)" }.sorted()
        return Result(blobCount: present.count, bytes: present.reduce(0) { $0 + $1.size }, corrupt: corrupt, missing: missing,
                      unreadable: unreadable)
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

    public static func collect(_ store: ModelStore) throws -> Result {
        let (referenced, unreadable) = try StoreReferences.collect(store)
        guard unreadable.isEmpty else {
            throw ArtefactError.rejected("not collecting: \(unreadable[0]); run 'artefact store verify'")
        }
        var removed = 0
        var bytes: Int64 = 0
        for blob in try StoreReferences.present(store) where !referenced.contains(blob.digest) {
            FileSystem.removeFile(store.layout.blob(blob.digest))
            removed += 1
            bytes += blob.size
        }
        let partials = (try? FileSystem.directoryEntries(store.layout.staging)) ?? []
        for name in partials { FileSystem.removeTree("\(store.layout.staging)/\(name)") }
        // Temporary files of atomic writes that a killed process left behind.
        for name in try FileSystem.directoryEntries(store.layout.blobs) where name.hasPrefix(".") && name.contains(".tmp-") {
            FileSystem.removeFile("\(store.layout.blobs)/\(name)")
        }
        return Result(removedBlobs: removed, removedBytes: bytes, removedPartials: partials.count)
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
