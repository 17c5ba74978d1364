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
