/// When one network request must be over, on the monotonic clock. Every wait on a socket
/// (connect, handshake, each read and write) is cut at the deadline, so a server that
/// trickles bytes just fast enough to beat the per-read timeout still cannot hold a
/// request open past it.
struct NetworkDeadline {
    /// The longest budget ever given, so sums of server-influenced sizes cannot overflow.
    static let maximumSeconds: Int64 = 30 * 86400

    let seconds: Int64
    private let expiry: ContinuousClock.Instant

    /// A deadline `seconds` from now (clamped to 1 s ... `maximumSeconds`).
    init(seconds: Int64) {
        self.seconds = min(max(seconds, 1), Self.maximumSeconds)
        expiry = .now + .seconds(self.seconds)
    }

    /// The deadline of a request that also moves `bytes` of body: the base `timeout`, plus
    /// the time those bytes take at `minimumRate` bytes per second.
    init(timeout: Int64, streaming bytes: Int64, minimumRate: Int64) {
        let extra = max(bytes, 0) / max(minimumRate, 1)
        let (total, overflow) = timeout.addingReportingOverflow(extra)
        self.init(seconds: overflow ? Self.maximumSeconds : total)
    }

    /// Milliseconds left, 0 once passed; at most `cap` milliseconds.
    func remainingMilliseconds(cap: Int) -> Int {
        let left = expiry - .now
        guard left > .zero else { return 0 }
        let (secondsLeft, attoseconds) = left.components
        let milliseconds = secondsLeft >= Int64(Int32.max / 1000) ? Int64(Int32.max) : secondsLeft * 1000 + attoseconds / 1_000_000_000_000_000 + 1
        return Int(min(milliseconds, Int64(cap)))
    }

    var hasPassed: Bool { ContinuousClock.now >= expiry }
}
