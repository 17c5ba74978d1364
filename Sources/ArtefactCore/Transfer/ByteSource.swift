/// Where a file's bytes come from in a transfer: pushed to a sink in order, from an
/// offset, so that a resumed copy never reads a byte twice.
protocol ByteSource: Sendable {
    /// Streams the bytes from `offset` to the end into `sink`, through `reader` where it
    /// reads a file.
    func stream(from offset: Int64, reader: FileReader,
                into sink: (UnsafeRawBufferPointer) throws -> Void) throws
}

/// A regular file on disk (a model directory's file, or a store's blob), which must still
/// be a regular file of its signed size. It is opened relative to the model's (or store's)
/// root without following a symlink on any component.
struct FileByteSource: ByteSource {
    let directory: Directory
    let path: String
    let modelPath: String
    let size: Int64

    func stream(from offset: Int64, reader: FileReader,
                into sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        let source: FileDescriptor
        do {
            source = try directory.openForReading(path)
        } catch {
            if error.detail != nil { throw ArtefactError.rejected("\(modelPath) in the source: \(error)") }
            throw error.isMissingPath ? ArtefactError.rejected("\(modelPath) is missing from the source") : error.asArtefactError
        }
        guard let info = try? source.status(), info.isRegularFile, info.byteCount == size else {
            throw ArtefactError.rejected("\(modelPath) in the source is not a regular file of its signed size \(size)")
        }
        do {
            try reader.read(source, from: offset, length: size - offset, into: sink)
        } catch FileReadFailure.shorter {
            throw ArtefactError.rejected("\(modelPath) changed while it was being copied (it is shorter now)")
        } catch FileReadFailure.system(let error) {
            throw error.asArtefactError
        }
    }
}

/// A blob in a registry, fetched with a ranged GET from the offset.
struct RegistryBlobSource: ByteSource {
    let client: RegistryClient
    let digest: SHA256Digest
    /// The signed size, which bounds what is read and how long the download may take.
    let size: Int64

    func stream(from offset: Int64, reader: FileReader,
                into sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        try client.downloadBlob(digest, size: size, from: offset, into: sink)
    }
}
