import Glibc

/// Sets up the page tables of a reader's next mapped window on a spare core
/// (`madvise(2)` with `MADV_POPULATE_READ`) while the reader's thread hashes the current
/// one, so that thread spends its time hashing and none taking page faults. One helper
/// thread, for one `FileReader.read` call; `finish()` joins it.
///
/// On a warm file the faults cost about a tenth of the time one core takes to hash the same
/// bytes (Docs/BENCHMARKS.md); the helper needs far less than a whole core to keep ahead.
final class PagePrefetcher: @unchecked Sendable {
    // `range` is handed between the threads by the semaphores: written by the reader
    // before it posts `requested`, read by the helper after it waits on it, and the reader
    // waits on `done` before it reads or unmaps the range.
    private var range: UnsafeRawBufferPointer?
    private let requested = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)
    private let done = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)
    private var thread: JoinableThread?
    private var busy = false

    init() {
        sem_init(requested, 0, 0)
        sem_init(done, 0, 0)
        // The thread holds the prefetcher until `finish()` stops it.
        thread = JoinableThread.start { [self] in serve() }
    }

    deinit {
        sem_destroy(requested)
        sem_destroy(done)
        requested.deallocate()
        done.deallocate()
    }

    /// Starts populating `window`; a no-op if there is no helper thread.
    func populate(_ window: UnsafeRawBufferPointer) {
        guard thread != nil else { return }
        range = window
        busy = true
        sem_post(requested)
    }

    /// Waits until the last `populate` is done, so its window may be read or unmapped.
    func wait() {
        guard busy else { return }
        _ = retryingOnInterrupt { sem_wait(done) }
        busy = false
    }

    /// Stops and joins the helper thread.
    func finish() {
        guard let thread else { return }
        wait()
        range = nil
        sem_post(requested)
        thread.join()
        self.thread = nil
    }

    /// The helper thread: populates each range it is given until it is given none.
    private func serve() {
        while true {
            _ = retryingOnInterrupt { sem_wait(requested) }
            guard let range else { return }
            // A failure (EFAULT for pages past a truncated end, EINVAL on an old kernel)
            // only means the reader takes those faults itself.
            _ = madvise(UnsafeMutableRawPointer(mutating: range.baseAddress!), range.count, MADV_POPULATE_READ)
            sem_post(done)
        }
    }
}
