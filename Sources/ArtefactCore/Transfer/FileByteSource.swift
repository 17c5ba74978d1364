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
