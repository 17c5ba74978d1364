/// Hashes a scanned tree's files on `jobs` threads. Each worker keeps one `FileReader` and
/// one SHA-256 context for its whole life, and hashes straight from the reader's chunks,
/// so memory stays bounded by `chunkBudget` whatever the model size. Work is handed out
/// largest first, so one big file does not start last. A stream of plain SHA-256 cannot be
/// split across cores, so when a worker has a core to spare (one big file in files mode)
/// its reader reads ahead on that core and the worker's thread only hashes.
public struct ParallelHasher: Sendable {
    /// The most mapped (or buffered) file bytes all workers together may hold at once: a
    /// worker's chunk, or its read-ahead ring of two chunks when it has a core to spare.
    public static let chunkBudget = 16 << 20
    public static let largestChunk = 4 << 20
    public static let smallestChunk = 256 << 10

    public let jobs: Int
    public let parameters: HashingParameters

    public init(jobs: Int, parameters: HashingParameters) {
        self.jobs = max(1, jobs)
        self.parameters = parameters
    }

    var chunkSize: Int {
        min(Self.largestChunk, max(Self.smallestChunk, Self.chunkBudget / jobs))
    }

    /// Hashes every file of `tree`. Fails if a file changed size or kind since the scan.
    public func hash(_ tree: ScannedTree, progress: HashProgress? = nil) throws -> [ModelFile] {
        let work = WorkList(tree: tree, parameters: parameters)
        let chunkSize = chunkSize
        let workerCount = min(jobs, max(1, work.items.count))
        // With at least twice as many jobs as work items (one big file in files mode), each
        // worker has a spare core to read ahead on, and its ring of two chunks still fits
        // the budget.
        let prefetching = jobs >= 2 * workerCount
        let digests = try ParallelWork.run(count: work.items.count, workers: workerCount, makeState: {
            HashWorker(chunkSize: chunkSize, prefetching: prefetching)
        }) { index, worker in
            try Self.hashItem(work.items[index], tree: tree, worker: worker, progress: progress)
        }
        return work.assemble(digests)
    }

    private static func hashItem(_ item: WorkItem, tree: ScannedTree, worker: HashWorker,
                                 progress: HashProgress?) throws -> SHA256Digest {
        let file = tree.files[item.fileIndex]
        let changed = ArtefactError.rejected("\(file.path) changed while it was being hashed")
        let descriptor: FileDescriptor
        do {
            // Every component is opened without following symlinks, relative to the root
            // the scan opened, so a link swapped in since the scan cannot redirect the read.
            descriptor = try tree.directory.openForReading(file.path)
        } catch {
            throw error.isVanished
                ? ArtefactError.rejected("\(file.path) changed while it was being hashed (\(error))")
                : error.asArtefactError
        }
        let before = try descriptor.status()
        guard before.isRegularFile, before.byteCount == file.size else { throw changed }
        worker.hasher.reset()
        progress?.started(file.path)
        let rawDescriptor = descriptor.rawValue
        do {
            try worker.reader.read(descriptor, from: item.offset, length: item.length) { chunk in
                try Interruption.check()
                FaultInjection.reach("hash", amount: Int64(chunk.count), truncating: rawDescriptor)
                worker.hasher.update(chunk)
                progress?.add(chunk.count)
            }
        } catch FileReadFailure.shorter {
            throw ArtefactError.rejected("\(file.path) changed while it was being hashed (it is shorter now)")
        } catch FileReadFailure.system(let error) {
            throw error.asArtefactError
        }
        // A file that grew while it was read hashed as its old prefix: reject that too.
        guard let after = try? descriptor.status(), after.byteCount == file.size else { throw changed }
        if item.offset + item.length >= file.size { progress?.finished(file.path) }
        return worker.hasher.finish()
    }
}

/// One unit of hashing: a whole file, or one shard of a large file.
struct WorkItem: Sendable {
    let fileIndex: Int
    let offset: Int64
    let length: Int64
}

/// The work items of one tree, in the order they are handed out (largest first), and how
/// their digests assemble back into per-file digests.
struct WorkList: Sendable {
    let files: [ScannedFile]
    let items: [WorkItem]
    let sharded: [Bool]

    init(tree: ScannedTree, parameters: HashingParameters) {
        var items: [WorkItem] = []
        var sharded: [Bool] = []
        for (index, file) in tree.files.enumerated() {
            if let shardSize = parameters.shardSize, parameters.isSharded(size: file.size) {
                sharded.append(true)
                var offset: Int64 = 0
                while offset < file.size {
                    items.append(WorkItem(fileIndex: index, offset: offset, length: min(shardSize, file.size - offset)))
                    offset += shardSize
                }
            } else {
                sharded.append(false)
                items.append(WorkItem(fileIndex: index, offset: 0, length: file.size))
            }
        }
        // Stable, so shards of one file keep their order among equals.
        self.items = items.enumerated().sorted { lhs, rhs in
            lhs.element.length != rhs.element.length ? lhs.element.length > rhs.element.length : lhs.offset < rhs.offset
        }.map(\.element)
        self.files = tree.files
        self.sharded = sharded
    }

    func assemble(_ digests: [SHA256Digest]) -> [ModelFile] {
        var perFile = [[(Int64, SHA256Digest)]](repeating: [], count: files.count)
        for (index, item) in items.enumerated() {
            perFile[item.fileIndex].append((item.offset, digests[index]))
        }
        return files.enumerated().map { index, file in
            let parts = perFile[index].sorted { $0.0 < $1.0 }.map(\.1)
            let digest: FileDigest = sharded[index] ? .shards(parts) : .whole(parts[0])
            return ModelFile(path: file.path, size: file.size, digest: digest)
        }
    }
}

/// One hashing thread's reusable state: its reader and SHA-256 context.
private final class HashWorker {
    let reader: FileReader
    let hasher = SHA256Hasher()

    init(chunkSize: Int, prefetching: Bool) {
        reader = FileReader(chunkSize: chunkSize, prefetching: prefetching)
    }
}
