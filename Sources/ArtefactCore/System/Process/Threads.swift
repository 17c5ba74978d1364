import Glibc

/// Runs `body(0) ... body(count - 1)` on `count` POSIX threads at once and waits for all.
/// artefact's workers block on `pread`, so each gets a thread of its own rather than a
/// slot in a pool sized to the cores.
public func runOnThreads(count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    guard count > 1 else {
        if count == 1 { body(0) }
        return
    }
    var threads: [JoinableThread] = []
    for index in 0..<count {
        if let thread = JoinableThread.start({ body(index) }) {
            threads.append(thread)
        } else {
            // No thread could be made; do the work on this one rather than drop it.
            body(index)
        }
    }
    for thread in threads { thread.join() }
}

/// The number of processors online, for the default `--jobs`.
public var onlineProcessorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

/// `nanosleep(2)` for `milliseconds` on the calling thread, resumed after a signal, for a
/// thread that polls (the progress line).
public func sleepOnThisThread(milliseconds: Int) {
    var request = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
    var remaining = timespec()
    while nanosleep(&request, &remaining) == -1 && errno == EINTR { request = remaining }
}
