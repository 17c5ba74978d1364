/// Copies a model's files into a store's staging area and moves each verified file into
/// its content-addressed blob. A file whose blob the store already holds is still read
/// and hashed from the source (`SourceRehash`), but not written: a source that does not
/// match its signature is rejected whether or not anything needed copying.
enum StoreIngest {
    static func copy(_ sources: [any ByteSource], manifest: ModelManifest, into store: ModelStore, workers: Int,
                     progress: HashProgress? = nil) throws -> CopyTotals {
        var totals = CopyTotals()
        var digests = [SHA256Digest?](repeating: nil, count: sources.count)
        var pending: [(index: Int, job: FileCopyJob)] = []
        var rehashed: [Int] = []
        // Two files with the same content share one staged file and one blob: the first is
        // copied, the others only read and hashed from the source, so no two workers ever
        // write or install the same staging file.
        var firstWithContent: [SHA256Digest: Int] = [:]
        var sameContentAs: [(index: Int, first: Int)] = []
        for (index, file) in manifest.contents.files.enumerated() {
            if case .whole(let digest) = file.digest, try store.hasBlob(digest) {
                digests[index] = digest
                totals.filesReused += 1
                totals.bytesReused = totals.bytesReused.addingSaturated(file.size)
                rehashed.append(index)
                continue
            }
            if let first = firstWithContent[file.digest.combined] {
                sameContentAs.append((index, first))
                totals.filesReused += 1
                totals.bytesReused = totals.bytesReused.addingSaturated(file.size)
                rehashed.append(index)
                continue
            }
            firstWithContent[file.digest.combined] = index
            let staged = StoreLayout.Relative.staged("\(file.digest.combined.hex).part")
            pending.append((index, FileCopyJob(modelPath: file.path, source: sources[index], targetDirectory: store.layout.directory,
                                               targetPath: staged, size: file.size, expected: file.digest, resumable: true,
                                               progress: progress)))
        }
        let files = manifest.contents.files
        let reused = rehashed.sorted { files[$0].size > files[$1].size }
        _ = try ParallelWork.run(count: reused.count, workers: workers, makeState: { CopyWorker() }) { position, worker in
            let file = files[reused[position]]
            try SourceRehash.check(sources[reused[position]], modelPath: file.path, size: file.size, expected: file.digest,
                                   hashing: manifest.hashing, worker: worker, progress: progress)
        }
        do { try store.layout.directory.makeDirectory(StoreLayout.Relative.staging) } catch { throw error.asArtefactError }
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
        for duplicate in sameContentAs { digests[duplicate.index] = digests[duplicate.first] }
        totals.blobDigests = digests.map { $0! }
        return totals
    }
}
