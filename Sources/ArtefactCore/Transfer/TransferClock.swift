/// A crossing's clock: it may be judged later than now (to rehearse an expiry), never
/// earlier, since moving the clock back would let an expired model in.
public enum TransferClock {
    /// How far behind the current time a requested moment may be (clock skew between reading it and checking it).
    static let tolerance: Int64 = 60

    /// Fails (bad input) when `moment` is earlier than now.
    public static func requireNotBack(_ moment: Timestamp, now: Timestamp = .now) throws {
        guard moment.secondsSinceEpoch >= now.secondsSinceEpoch - tolerance else {
            throw ArtefactError.badInput("--at cannot move a crossing's clock back; expired models must be re-signed")
        }
    }
}
