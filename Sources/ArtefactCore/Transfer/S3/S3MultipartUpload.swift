import Synchronization

/// Uploads one file as a multipart upload, create-only, resuming what a killed or cut run
/// left. The resume record (`S3UploadRecord`, in the source store's staging area) holds the
/// upload id and every finished part's SHA-256. A rerun asks the server which parts it
/// holds and keeps a part only when the server lists it with the right size, the record
/// has its SHA-256, and the local bytes of that part hash to it again; nothing is resent
/// blindly and nothing is trusted blindly. Every part carries its SHA-256 as the payload
/// hash and as `x-amz-checksum-sha256`, so the server checks each one; the completion
/// carries them all, and the server checks the whole against the composite.
struct S3MultipartUpload {
    let file: S3PushFile
    let client: S3Client
    let layout: StoreLayout
    let recordPath: String
    let workers: Int
    /// Told the parts' bytes as they stream, and those of the parts kept from an earlier run.
    var progress: UploadProgress? = nil

    struct Result {
        let outcome: S3PutOutcome
        let bytesSent: Int64
        let bytesReused: Int64
    }

    func run() throws -> Result {
        guard let partSize = file.plan.partSize else { throw ArtefactError.operational("\(file.modelPath) is not planned as a multipart upload") }
        var record = try resumable(partSize: partSize)
        if record == nil {
            record = S3UploadRecord(uploadID: try client.createMultipartUpload(file.key), partSize: partSize)
            try record!.write(recordPath, in: layout)
        }
        let (file, client, layout, recordPath, started) = (self.file, self.client, self.layout, self.recordPath, record!)
        let appending = AppendLock()
        let missing = (1...file.plan.partCount).filter { started.parts[$0] == nil }
        let reused = started.parts.keys.reduce(Int64(0)) { $0 + file.plan.range(ofPart: $1).length }
        let uploadID = started.uploadID
        let progress = self.progress
        progress?.add(reused)
        let uploaded = try ParallelWork.run(count: missing.count, workers: workers, makeState: { CopyWorker() }) { (index: Int, worker: CopyWorker) -> S3UploadedPart in
            let number = missing[index]
            let range = file.plan.range(ofPart: number)
            let digest = try S3PartDigests.digest(of: file, offset: range.offset, length: range.length, in: layout.directory, worker: worker)
            let blob = try S3PartDigests.open(file, in: layout.directory)
            let etag = try client.uploadPart(file.key, uploadID: uploadID, number: number,
                                             body: .file(HTTPBodyFile(blob, progress: progress, countingFrom: range.offset),
                                                         offset: range.offset, length: range.length), sha256: digest)
            let part = S3UploadedPart(number: number, etag: etag, size: range.length, sha256: digest)
            try appending.lock.withLock { _ in try S3UploadRecord.append(part, to: recordPath, in: layout) }
            FaultInjection.reach("part")
            try Interruption.check()
            return part
        }
        var parts = started.parts
        for part in uploaded { parts[part.number] = part }
        let outcome = try client.completeMultipartUpload(file.key, uploadID: uploadID, parts: parts.values.sorted { $0.number < $1.number },
                                                         createOnly: true)
        if outcome == .alreadyExists { try? client.abortMultipartUpload(file.key, uploadID: uploadID) }
        S3UploadRecord.remove(recordPath, in: layout)
        return Result(outcome: outcome, bytesSent: uploaded.reduce(0) { $0 + ($1.size ?? 0) }, bytesReused: reused)
    }

    /// The recorded upload, cut down to the parts that can be kept; nil when there is none
    /// to continue (no record, another part size, or an upload the server no longer knows).
    private func resumable(partSize: Int64) throws -> S3UploadRecord? {
        guard var record = S3UploadRecord.read(recordPath, in: layout) else { return nil }
        guard record.partSize == partSize, let listed = try client.listParts(file.key, uploadID: record.uploadID) else {
            if record.partSize != partSize { try? client.abortMultipartUpload(file.key, uploadID: record.uploadID) }
            S3UploadRecord.remove(recordPath, in: layout)
            return nil
        }
        let onServer = Dictionary(listed.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        let worker = CopyWorker()
        var kept: [Int: S3UploadedPart] = [:]
        for (number, part) in record.parts where (1...file.plan.partCount).contains(number) {
            let range = file.plan.range(ofPart: number)
            guard let server = onServer[number], server.size == range.length, let recorded = part.sha256 else { continue }
            let local = try S3PartDigests.digest(of: file, offset: range.offset, length: range.length, in: layout.directory, worker: worker)
            guard local == recorded else { continue }
            kept[number] = S3UploadedPart(number: number, etag: server.etag, size: range.length, sha256: recorded)
        }
        record.parts = kept
        try record.write(recordPath, in: layout)
        return record
    }
}

/// Parts finish on several threads; their lines are appended one at a time.
private final class AppendLock: Sendable {
    let lock = Mutex(())
}
