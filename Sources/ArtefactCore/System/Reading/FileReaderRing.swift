import Glibc
import Synchronization

/// The read-ahead mode of `FileReader`, for a reader whose thread has a core to spare: a
/// helper thread copies the range out of the page cache with `pread(2)` into a ring of
/// buffers while the reader's thread only hands the filled ones to its caller (which
/// hashes them). On the 2-core machine artefact is measured on, that keeps one SHA-256
/// stream at about one core's hashing speed, where reading and hashing on one thread, or
/// hashing mapped windows whose page tables the spare core set up, do not
/// (Docs/BENCHMARKS.md). The ring's buffers live as long as the reader, so its memory is
/// `slotCount * slotSize`, allocated once.
final class FileReaderRing: @unchecked Sendable {
    // The threads share `storage`, `counts` and `readFailure` without a lock: `filled` and
    // `emptied` hand each slot whole from one thread to the other, and each post/wait pair
    // orders the writes made before the post.
    static let slotCount = 4

    let slotSize: Int
    private let storage: UnsafeMutableRawBufferPointer
    /// Bytes read into each slot, or -1 when the read failed.
    private let counts = UnsafeMutablePointer<Int>.allocate(capacity: FileReaderRing.slotCount)
    private let filled = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)
    private let emptied = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)
    /// Set when the reader's thread stops early (its caller threw), so the helper stops too.
    private let stopping = Atomic<Bool>(false)
    private var readFailure: SystemCallError?

    init(slotSize: Int) {
        self.slotSize = slotSize
        storage = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.slotCount * slotSize, alignment: 4096)
    }

    deinit {
        storage.deallocate()
        counts.deallocate()
        filled.deallocate()
        emptied.deallocate()
    }

    /// Below this many bytes, starting a helper thread costs more than the read-ahead saves.
    var minimumLength: Int64 { Int64(Self.slotCount * slotSize) }

    /// Hands `offset..<end` of `file` to `body` a slot at a time, read ahead on a helper
    /// thread. Returns false, having read nothing, when it cannot start one (no descriptor
    /// or thread to spare): the caller reads the range itself. Throws as `FileReader.read`.
    func read(_ file: borrowing FileDescriptor, from offset: Int64, end: Int64,
              into body: (UnsafeRawBufferPointer) throws -> Void) throws -> Bool {
        // The helper reads through a duplicate, which it owns and closes, so no descriptor
        // is shared across threads by a borrow the compiler cannot see.
        let duplicate = dup(file.rawValue)
        guard duplicate >= 0 else { return false }
        let path = file.path
        sem_init(filled, 0, 0)
        sem_init(emptied, 0, UInt32(Self.slotCount))
        stopping.store(false, ordering: .releasing)
        readFailure = nil
        guard let helper = JoinableThread.start({ [self] in
            fill(FileDescriptor(rawValue: duplicate, path: path), from: offset, end: end)
        }) else {
            close(duplicate)
            sem_destroy(filled)
            sem_destroy(emptied)
            return false
        }
        defer {
            // Wakes the helper if it waits for a free slot; it stops at the end of the range
            // or at the first short or failed read by itself.
            stopping.store(true, ordering: .releasing)
            sem_post(emptied)
            helper.join()
            sem_destroy(filled)
            sem_destroy(emptied)
        }
        try drain(from: offset, end: end, into: body)
        return true
    }

    /// The helper thread: reads slot after slot until the range ends, a read comes back
    /// short or fails, or the reader stops.
    private func fill(_ source: consuming FileDescriptor, from offset: Int64, end: Int64) {
        var position = offset
        var slot = 0
        while position < end {
            Self.wait(emptied)
            if stopping.load(ordering: .acquiring) { return }
            let wanted = wantedCount(from: position, end: end)
            var count: Int
            do {
                count = try source.read(into: slotBuffer(slot, count: wanted), at: position)
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

    /// The reader's thread: hands each filled slot to `body`, in order.
    private func drain(from offset: Int64, end: Int64, into body: (UnsafeRawBufferPointer) throws -> Void) throws {
        var position = offset
        var slot = 0
        while position < end {
            Self.wait(filled)
            let count = counts[slot]
            if count < 0 { throw FileReadFailure.system(readFailure!) }
            guard count == wantedCount(from: position, end: end) else { throw FileReadFailure.shorter }
            try body(UnsafeRawBufferPointer(slotBuffer(slot, count: count)))
            sem_post(emptied)
            position += Int64(count)
            slot = (slot + 1) % Self.slotCount
        }
    }

    private func wantedCount(from position: Int64, end: Int64) -> Int {
        Int(min(Int64(slotSize), end - position))
    }

    private func slotBuffer(_ slot: Int, count: Int) -> UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(rebasing: storage[(slot * slotSize)..<(slot * slotSize + count)])
    }

    /// `sem_wait(3)`, retried when a signal interrupts it.
    private static func wait(_ semaphore: UnsafeMutablePointer<sem_t>) {
        _ = retryingOnInterrupt { sem_wait(semaphore) }
    }
}
