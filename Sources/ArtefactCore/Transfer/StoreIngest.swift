/// What the copies of one transfer amounted to.
struct CopyTotals: Sendable {
    var bytesCopied: Int64 = 0
    var bytesReused: Int64 = 0
    var filesReused = 0
    /// Each file's blob digest, in the manifest's file order (stores only).
    var blobDigests: [SHA256Digest] = []
}

/// Copies a model's files into a store's staging area and moves each verified file into
/// its content-addressed blob. A blob the store already holds is not read again.
enum StoreIngest {
    static func copy(_ sources: [any ByteSource], manifest: ModelManifest, into store: ModelStore, workers: Int) throws -> CopyTotals {
        var totals = CopyTotals()
        var digests = [SHA256Digest?](repeating: nil, count: sources.count)
        var pending: [(index: Int, job: FileCopyJob)] = []
        for (index, file) in manifest.contents.files.enumerated() {
            if case .whole(let digest) = file.digest, store.hasBlob(digest) {
                digests[index] = digest
                totals.filesReused += 1
                totals.bytesReused = totals.bytesReused.addingSaturated(file.size)
                continue
            }
            let staged = "\(store.layout.staging)/\(file.digest.combined.hex).part"
            pending.append((index, FileCopyJob(modelPath: file.path, source: sources[index], targetPath: staged, size: file.size,
                                               expected: file.digest, resumable: true)))
        }
        try FileSystem.makeDirectory(store.layout.staging)
        pending.sort { $0.job.size > $1.job.size }
        let jobs = pending
        let results = try ParallelWork.run(count: jobs.count, workers: workers, makeState: { CopyWorker() }) { index, worker in
            let job = jobs[index].job
            let result = try FileCopier.copy(job, hashing: manifest.hashing, worker: worker)
            try store.install(staged: job.targetPath, as: result.contentDigest)
            FaultInjection.reach("blob")
            return result
        }
        for (position, result) in results.enumerated() {
            digests[jobs[position].index] = result.contentDigest
            totals.bytesCopied = totals.bytesCopied.addingSaturated(result.bytesCopied)
            totals.bytesReused = totals.bytesReused.addingSaturated(result.bytesReused)
        }
        totals.blobDigests = digests.map { $0! }
        return totals
    }
}
