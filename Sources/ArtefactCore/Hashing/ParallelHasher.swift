import Glibc

/// Hashes a scanned tree's files on `jobs` threads. Each worker keeps one read buffer and
/// one SHA-256 context for its whole life and reads with `pread`, so memory stays bounded
/// by `jobs` buffers whatever the model size. Work is handed out largest first, so one big
/// file does not start last. When there are at least twice as many jobs as work items (one
/// big file in files mode), each worker hands its reading to a spare core instead
/// (`ReadAheadHasher`), since a stream of plain SHA-256 cannot be split across cores.
public struct ParallelHasher: Sendable {
    /// The most read-buffer memory all workers together may hold.
    public static let bufferBudget = 16 << 20
    public static let largestBuffer = 4 << 20
    public static let smallestBuffer = 256 << 10

    public let jobs: Int
    public let parameters: HashingParameters

    public init(jobs: Int, parameters: HashingParameters) {
        self.jobs = max(1, jobs)
        self.parameters = parameters
    }

    var bufferSize: Int {
        min(Self.largestBuffer, max(Self.smallestBuffer, Self.bufferBudget / jobs))
    }

    /// Hashes every file of `tree`. Fails if a file changed size or kind since the scan.
    public func hash(_ tree: ScannedTree, progress: HashProgress? = nil) throws -> [ModelFile] {
        let work = WorkList(tree: tree, parameters: parameters)
        let bufferSize = bufferSize
        let workerCount = min(jobs, max(1, work.items.count))
        let readsAhead = jobs >= 2 * workerCount
        let digests = try ParallelWork.run(count: work.items.count, workers: workerCount, makeState: {
            HashWorker(bufferSize: bufferSize, readsAhead: readsAhead)
        }) { index, worker in
            try Self.hashItem(work.items[index], tree: tree, buffer: worker.buffer, hasher: worker.hasher,
                              readAhead: worker.readAhead, progress: progress)
        }
        return work.assemble(digests)
    }

    private static func hashItem(
        _ item: WorkItem, tree: ScannedTree, buffer: UnsafeMutableRawBufferPointer, hasher: SHA256Hasher,
        readAhead: ReadAheadHasher?, progress: HashProgress?
    ) throws -> SHA256Digest {
        let file = tree.files[item.fileIndex]
        let descriptor: FileDescriptor
        do {
            // Every component is opened without following symlinks, relative to the root
            // the scan opened, so a link swapped in since the scan cannot redirect the read.
            descriptor = try tree.directory.openFile(file.path, O_RDONLY | O_NONBLOCK)
        } catch {
            throw error.code == ENOENT || error.code == ELOOP || error.code == ENOTDIR
                ? ArtefactError.rejected("\(file.path) changed while it was being hashed (\(error))")
                : error.asArtefactError
        }
        return try descriptor.closeAfter { descriptor in
            let info = try descriptor.status()
            guard (info.st_mode & S_IFMT) == S_IFREG, Int64(info.st_size) == file.size else {
                throw ArtefactError.rejected("\(file.path) changed while it was being hashed")
            }
            if item.length > 0 {
                _ = posix_fadvise(descriptor.rawValue, off_t(item.offset), off_t(item.length), POSIX_FADV_SEQUENTIAL)
            }
            let shorter = ArtefactError.rejected("\(file.path) changed while it was being hashed (it is shorter now)")
            if let readAhead, item.length >= ReadAheadHasher.minimumLength {
                switch readAhead.hash(descriptor, from: item.offset, length: item.length, progress: progress) {
                case .digest(let digest): return digest
                case .shorter: throw shorter
                case .failed(let error): throw error
                }
            }
            var offset = item.offset
            let end = item.offset + item.length
            while offset < end {
                let wanted = Int(min(Int64(buffer.count), end - offset))
                let chunk = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<wanted])
                let count = try descriptor.read(into: chunk, at: offset)
                guard count == wanted else { throw shorter }
                hasher.update(UnsafeRawBufferPointer(chunk))
                offset += Int64(count)
                progress?.add(count)
            }
            return hasher.finish()
        }
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

/// One hashing thread's reusable state: its read buffer, SHA-256 context and read-ahead.
private final class HashWorker {
    let buffer: UnsafeMutableRawBufferPointer
    let hasher = SHA256Hasher()
    let readAhead: ReadAheadHasher?

    init(bufferSize: Int, readsAhead: Bool) {
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 4096)
        readAhead = readsAhead ? ReadAheadHasher() : nil
    }

    deinit { buffer.deallocate() }
}
