import Glibc
import Synchronization

/// Test hooks. `ARTEFACT_TEST_KILL_AT` kills this process with SIGKILL at a named point, so
/// tests can check that a transfer killed there leaves the store consistent and resumes: set
/// it to `copy:BYTES` (after BYTES have been written to staging), `blob:N` (after N file
/// blobs are in place) or `publish` (just before the index is rewritten).
/// `ARTEFACT_TEST_TRUNCATE_AT=hash:BYTES:SIZE` truncates the file being hashed to SIZE bytes
/// once BYTES have been handed to the hasher, as another process could, so tests can check
/// that a file cut under a mapped window is rejected cleanly. `ARTEFACT_TEST_PAUSE_AT=POINT:MS`
/// sleeps MS milliseconds each time POINT (`hash`, `copy` or `send`, once per chunk) is
/// reached, and `POINT:MS:BYTES` sleeps MS milliseconds for every BYTES that pass POINT
/// (chunks off a network come in sizes of the peer's choosing), so tests can watch
/// progress and send signals to a run in progress. Unset, they do nothing.
public enum FaultInjection {
    private static let setting: (point: String, threshold: Int64)? = {
        guard let raw = Environment.value("ARTEFACT_TEST_KILL_AT") else { return nil }
        let parts = raw.split(separator: ":", maxSplits: 1)
        guard let point = parts.first else { return nil }
        return (String(point), parts.count > 1 ? Int64(parts[1]) ?? 0 : 0)
    }()
    private static let truncation: (point: String, threshold: Int64, size: Int64)? = {
        guard let raw = Environment.value("ARTEFACT_TEST_TRUNCATE_AT") else { return nil }
        let parts = raw.split(separator: ":").map(String.init)
        guard parts.count == 3, let threshold = Int64(parts[1]), let size = Int64(parts[2]) else { return nil }
        return (parts[0], threshold, size)
    }()
    private static let pause: (point: String, milliseconds: Int, perBytes: Int64?)? = {
        guard let raw = Environment.value("ARTEFACT_TEST_PAUSE_AT") else { return nil }
        let parts = raw.split(separator: ":").map(String.init)
        guard parts.count == 2 || parts.count == 3, let milliseconds = Int(parts[1]), milliseconds > 0 else { return nil }
        guard parts.count == 3 else { return (parts[0], milliseconds, nil) }
        guard let perBytes = Int64(parts[2]), perBytes > 0 else { return nil }
        return (parts[0], milliseconds, perBytes)
    }()
    private static let paused = Mutex<Int64>(0)
    private static let counters = Mutex<[String: Int64]>([:])
    private static let truncated = Mutex(false)

    /// Counts `amount` towards `point`; once `ARTEFACT_TEST_TRUNCATE_AT`'s threshold is
    /// reached, truncates the file open as `descriptor` (through a second descriptor of its
    /// own, `/proc/self/fd/N` opened for writing), once per process.
    public static func reach(_ point: String, amount: Int64, truncating descriptor: Int32) {
        pauseIfAsked(at: point, amount: amount)
        guard let truncation, truncation.point == point else { return }
        let due = truncated.withLock { done -> Bool in
            guard !done else { return false }
            let total = counters.withLock { counters -> Int64 in
                counters[point, default: 0] += amount
                return counters[point]!
            }
            done = total >= truncation.threshold
            return done
        }
        guard due else { return }
        // Never a trap: a file the hook cannot truncate is read on unchanged, and the test
        // that set the hook fails because nothing was rejected.
        let writer = open("/proc/self/fd/\(descriptor)", O_WRONLY | O_CLOEXEC)
        guard writer >= 0 else { return }
        _ = ftruncate(writer, off_t(max(0, truncation.size)))
        close(writer)
    }

    /// Counts `amount` towards `point`, and dies once the configured threshold is reached.
    public static func reach(_ point: String, amount: Int64 = 1) {
        pauseIfAsked(at: point, amount: amount)
        guard let setting, setting.point == point else { return }
        let total = counters.withLock { counters -> Int64 in
            counters[point, default: 0] += amount
            return counters[point]!
        }
        if total >= setting.threshold { kill(getpid(), SIGKILL) }
    }

    private static func pauseIfAsked(at point: String, amount: Int64) {
        guard let pause, pause.point == point else { return }
        guard let perBytes = pause.perBytes else { return sleepOnThisThread(milliseconds: pause.milliseconds) }
        let crossed = paused.withLock { total -> Int64 in
            let before = total / perBytes
            total = total.addingSaturated(max(0, amount))
            return total / perBytes - before
        }
        if crossed > 0 { sleepOnThisThread(milliseconds: pause.milliseconds * Int(clamping: crossed)) }
    }
}
