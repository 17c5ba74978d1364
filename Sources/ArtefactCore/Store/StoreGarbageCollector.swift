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
