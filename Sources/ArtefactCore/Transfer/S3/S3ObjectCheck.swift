/// Whether an object at one of a push's keys holds that file's bytes. Its size must be
/// the signed size; then the checksum the server reports must be the one this push would
/// have made (the SHA-256 of a single object, the composite of a multipart one). When the
/// server reports none, or another (a multipart upload cut into other parts), the object
/// is read back and hashed: an object is never taken for ours on its size alone.
struct S3ObjectCheck: Sendable {
    enum Finding: Sendable {
        case ours
        case absent
        case different
    }

    let client: S3Client
    let directory: Directory

    func check(_ file: S3PushFile) throws -> Finding {
        guard let info = try client.headObject(file.key) else { return .absent }
        guard info.size == file.size else { return .different }
        if let reported = info.checksumSHA256 {
            let worker = CopyWorker()
            if reported == S3PartDigests.checksum(file.digest) && file.plan.partSize == nil { return .ours }
            if reported.contains("-"), file.plan.partSize != nil,
               try reported == S3PartDigests.expectedChecksum(of: file, in: directory, worker: worker) {
                return .ours
            }
        }
        let hasher = SHA256Hasher()
        try client.getObject(file.key, size: file.size, from: 0) { hasher.update($0) }
        return hasher.finish() == file.digest ? .ours : .different
    }

    /// After a create-only write found the key taken: refuses unless it holds our bytes.
    func requireOurs(_ file: S3PushFile, manifest: ModelManifest) throws {
        guard try check(file) == .ours else {
            throw TransferRejection(check: .occupied, reason: "\(file.key) was written meanwhile with other bytes than \(file.modelPath); "
                + "the prefix holds a different model", manifest: manifest)
        }
    }
}
