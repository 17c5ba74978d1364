import Glibc

/// Hashes one byte range of a file on two threads: one copies it out of the page cache with
/// `pread` into a ring of buffers while the other only hashes.
///
/// `ParallelHasher` uses it when there are at least twice as many jobs as work items, so a
/// core that would otherwise sit idle takes the copy. On the 2-core machines artefact is
/// measured on, a warm file hashes at about 1.4 GB/s when one thread reads and hashes, and
/// at about 1.75 GB/s, the CPU's SHA-256 speed, when the copy is on the other core
/// (Docs/BENCHMARKS.md). One reader serves one hasher, one range at a time.
final class ReadAheadHasher: @unchecked Sendable {
    // The two threads share `storage`, `counts` and `readFailure` without a lock: `filled`
    // and `emptied` hand each slot whole from one thread to the other, and each post/wait
    // pair orders the writes made before the post. `outcome` is written by the hashing
    // thread and read after both threads are joined.
    static let slotCount = 4
    static let slotSize = 2 << 20
    /// Below this, starting two threads costs more than the read-ahead saves.
    static let minimumLength = Int64(4 * slotSize)

    enum Outcome {
        case digest(SHA256Digest)
        /// The file ended before the range did.
        case shorter
        case failed(SystemCallError)
    }

    private let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: slotCount * slotSize, alignment: 4096)
    /// Bytes read into each slot, or -1 when the read failed.
    private let counts = UnsafeMutablePointer<Int>.allocate(capacity: slotCount)
    private let filled = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)
    private let emptied = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)
    private let hasher = SHA256Hasher()
    private var readFailure: SystemCallError?
    private var outcome: Outcome?

    init() {}

    deinit {
        storage.deallocate()
        counts.deallocate()
        filled.deallocate()
        emptied.deallocate()
    }

    /// Hashes `length` bytes of `descriptor` from `offset`, reporting bytes to `progress`
    /// as they are hashed.
    func hash(_ descriptor: FileDescriptor, from offset: Int64, length: Int64, progress: HashProgress?) -> Outcome {
        sem_init(filled, 0, 0)
        sem_init(emptied, 0, UInt32(Self.slotCount))
        defer {
            sem_destroy(filled)
            sem_destroy(emptied)
        }
        readFailure = nil
        outcome = nil
        runOnThreads(count: 2) { role in
            if role == 0 {
                self.fill(descriptor, from: offset, length: length)
            } else {
                self.outcome = self.drain(length: length, progress: progress)
            }
        }
        return outcome!
    }

    /// The reading thread. It stops after the last chunk or at the first short or failed
    /// read, which is the only place the hashing thread stops early, so neither thread can
    /// be left waiting for the other.
    private func fill(_ descriptor: FileDescriptor, from offset: Int64, length: Int64) {
        var position = offset
        var slot = 0
        while position < offset + length {
            Self.wait(emptied)
            let wanted = Self.chunkSize(remaining: offset + length - position)
            var count: Int
            do {
                count = try descriptor.read(into: slotBuffer(slot, count: wanted), at: position)
            } catch {
                readFailure = error
                count = -1
            }
            counts[slot] = count
            sem_post(filled)
            guard count == wanted else { return }
            position += Int64(count)
            slot = (slot + 1) % Self.slotCount
        }
    }

    /// The hashing thread.
    private func drain(length: Int64, progress: HashProgress?) -> Outcome {
        hasher.reset()
        var remaining = length
        var slot = 0
        while remaining > 0 {
            Self.wait(filled)
            let count = counts[slot]
            if count < 0 { return .failed(readFailure!) }
            guard count == Self.chunkSize(remaining: remaining) else { return .shorter }
            hasher.update(UnsafeRawBufferPointer(slotBuffer(slot, count: count)))
            sem_post(emptied)
            progress?.add(count)
            remaining -= Int64(count)
            slot = (slot + 1) % Self.slotCount
        }
        return .digest(hasher.finish())
    }

    private func slotBuffer(_ slot: Int, count: Int) -> UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(rebasing: storage[(slot * Self.slotSize)..<(slot * Self.slotSize + count)])
    }

    private static func chunkSize(remaining: Int64) -> Int {
        Int(min(Int64(slotSize), remaining))
    }

    /// `sem_wait(3)`, retried when a signal interrupts it.
    private static func wait(_ semaphore: UnsafeMutablePointer<sem_t>) {
        _ = retryingOnInterrupt { sem_wait(semaphore) }
    }
}
