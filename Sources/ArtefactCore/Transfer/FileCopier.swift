/// A worker's reusable state: one reader and hashers, kept for every file it copies.
final class CopyWorker: @unchecked Sendable {
    static let chunkSize = 4 << 20
    let reader = FileReader(chunkSize: chunkSize)
    let whole = SHA256Hasher()
    let shard = SHA256Hasher()
}

/// Copies one file while hashing it, so every source byte is read once: read, write to
/// the target, hash, and at the end compare with the signed digest. A partial target left
/// by a killed run is hashed from the target (not re-read from the source) and continued.
/// If the finished file does not match, reused bytes are discarded and the copy is tried
/// once more from the start; a second mismatch rejects the artefact.
enum FileCopier {
    static func copy(_ job: FileCopyJob, hashing: HashingParameters, worker: CopyWorker) throws -> FileCopyResult {
        let first = try attempt(job, hashing: hashing, worker: worker, reuse: job.resumable)
        if first.matches { return first.result }
        try? job.targetDirectory.removeFile(job.targetPath)
        if first.result.bytesReused > 0 {
            let second = try attempt(job, hashing: hashing, worker: worker, reuse: false)
            if second.matches { return second.result }
            try? job.targetDirectory.removeFile(job.targetPath)
        }
        throw ArtefactError.rejected("\(job.modelPath) does not match its signed digest")
    }

    private static func attempt(_ job: FileCopyJob, hashing: HashingParameters, worker: CopyWorker,
                                reuse: Bool) throws -> (result: FileCopyResult, matches: Bool) {
        let target: FileDescriptor
        do {
            target = try job.targetDirectory.openForWriting(job.targetPath, reusing: reuse)
        } catch {
            throw error.asArtefactError
        }
        return try fill(target, job: job, hashing: hashing, worker: worker, reuse: reuse)
    }

    /// Resumes or starts `target` (which closes when `attempt` returns), then streams the
    /// rest of the source into it.
    private static func fill(_ target: borrowing FileDescriptor, job: FileCopyJob, hashing: HashingParameters,
                             worker: CopyWorker, reuse: Bool) throws -> (result: FileCopyResult, matches: Bool) {
        // Only a regular file is written to or resumed from.
        guard let info = try? target.status(), info.isRegularFile else {
            throw ArtefactError.operational("\(target.path) is not a regular file; artefact writes only regular files")
        }
        var reusable: Int64 = 0
        if reuse, let existing = try? target.status().byteCount { reusable = min(existing, job.size) }
        do { try target.truncate(to: reusable) } catch { throw error.asArtefactError }

        job.progress?.started(job.modelPath)
        var tracker = DigestTracker(expected: job.expected, hashing: hashing, size: job.size, worker: worker)
        // The partial prefix: hash it from the target itself.
        do {
            try worker.reader.read(target, from: 0, length: reusable) { chunk in
                try Interruption.check()
                tracker.add(chunk)
                job.progress?.add(chunk.count)
            }
        } catch FileReadFailure.shorter {
            throw ArtefactError.operational("\(target.path) shrank while it was being resumed")
        } catch FileReadFailure.system(let error) {
            throw error.asArtefactError
        }
        var offset = reusable
        // The rest: from the source once, written and hashed as it streams past.
        try job.source.stream(from: reusable, reader: worker.reader) { chunk in
            try Interruption.check()
            guard offset + Int64(chunk.count) <= job.size else {
                throw ArtefactError.rejected("\(job.modelPath) is longer than its signed size \(job.size)")
            }
            do throws(SystemCallError) { try target.writeAll(chunk, at: offset) } catch { throw error.asArtefactError }
            tracker.add(chunk)
            offset += Int64(chunk.count)
            job.progress?.add(chunk.count)
            FaultInjection.reach("copy", amount: Int64(chunk.count))
        }
        guard offset == job.size else {
            throw ArtefactError.rejected("\(job.modelPath) is shorter than its signed size \(job.size)")
        }
        let (content, matches) = tracker.finish()
        if matches {
            do { try target.sync() } catch { throw error.asArtefactError }
            job.progress?.finished(job.modelPath)
        }
        return (FileCopyResult(contentDigest: content, bytesCopied: job.size - reusable, bytesReused: reusable), matches)
    }
}
