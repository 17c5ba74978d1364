/// SHA-256 of byte ranges of a store blob, read through the one read path, and the
/// checksums S3 reports from them: a single object's is the base64 SHA-256 of its bytes,
/// a multipart object's is COMPOSITE, the base64 SHA-256 of the parts' raw digests in
/// order, then `-` and the number of parts.
enum S3PartDigests {
    static func digest(of file: S3PushFile, offset: Int64, length: Int64, in directory: Directory, worker: CopyWorker) throws -> SHA256Digest {
        let blob = try open(file, in: directory)
        worker.whole.reset()
        do {
            try worker.reader.read(blob, from: offset, length: length) { worker.whole.update($0) }
        } catch FileReadFailure.shorter {
            throw ArtefactError.operational("the stored blob of \(file.modelPath) is shorter than its size \(file.size); run 'artefact store verify'")
        } catch FileReadFailure.system(let error) {
            throw error.asArtefactError
        }
        return worker.whole.finish()
    }

    /// The store blob that holds `file`, opened for reading.
    static func open(_ file: S3PushFile, in directory: Directory) throws -> FileDescriptor {
        do throws(SystemCallError) { return try directory.openForReading(file.blobPath) } catch { throw error.asArtefactError }
    }

    static func checksum(_ digest: SHA256Digest) -> String { Base64.encode(digest.bytes) }

    static func compositeChecksum(_ parts: [SHA256Digest]) -> String {
        "\(Base64.encode(SHA256Hasher.digest(parts.flatMap(\.bytes)).bytes))-\(parts.count)"
    }

    /// The checksum S3 reports for `file` as this push uploads it (reading it for a multipart one).
    static func expectedChecksum(of file: S3PushFile, in directory: Directory, worker: CopyWorker) throws -> String {
        guard file.plan.partSize != nil else { return checksum(file.digest) }
        let parts = try (1...file.plan.partCount).map { number in
            let range = file.plan.range(ofPart: number)
            return try digest(of: file, offset: range.offset, length: range.length, in: directory, worker: worker)
        }
        return compositeChecksum(parts)
    }
}
