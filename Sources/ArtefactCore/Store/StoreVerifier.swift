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

    public static func verify(_ store: ModelStore, jobs: Int, progress: HashProgress? = nil) throws -> Result {
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
            progress?.begin(totalBytes: tree.totalBytes)
            hashed = try ParallelHasher(jobs: jobs, parameters: .files).hash(tree, progress: progress)
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
