import Glibc
import Synchronization

/// A test hook that kills this process with SIGKILL at a named point, so tests can check
/// that a transfer killed there leaves the store consistent and resumes. Set
/// `ARTEFACT_TEST_KILL_AT` to `copy:BYTES` (after BYTES have been written to staging),
/// `blob:N` (after N file blobs are in place) or `publish` (just before the index is
/// rewritten). Unset, it does nothing.
public enum FaultInjection {
    private static let setting: (point: String, threshold: Int64)? = {
        guard let raw = getenv("ARTEFACT_TEST_KILL_AT") else { return nil }
        let parts = String(cString: raw).split(separator: ":", maxSplits: 1)
        guard let point = parts.first else { return nil }
        return (String(point), parts.count > 1 ? Int64(parts[1]) ?? 0 : 0)
    }()
    private static let counters = Mutex<[String: Int64]>([:])

    /// Counts `amount` towards `point`, and dies once the configured threshold is reached.
    public static func reach(_ point: String, amount: Int64 = 1) {
        guard let setting, setting.point == point else { return }
        let total = counters.withLock { counters -> Int64 in
            counters[point, default: 0] += amount
            return counters[point]!
        }
        if total >= setting.threshold { kill(getpid(), SIGKILL) }
    }
}
