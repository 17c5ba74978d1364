/// What `verify` is asked: which model, which bundle, under which policy, as of when.
public struct VerificationRequest: Sendable {
    public var location: ModelLocation
    public var policy: TrustPolicy
    public var now: Timestamp
    public var jobs: Int

    public init(location: ModelLocation, policy: TrustPolicy, now: Timestamp = .now, jobs: Int = onlineProcessorCount) {
        self.location = location
        self.policy = policy
        self.now = now
        self.jobs = jobs
    }

    /// A request that trusts exactly `keys` (the ad-hoc policy of `verify --key`).
    public init(location: ModelLocation, keys: [PublicKey], now: Timestamp = .now, jobs: Int = onlineProcessorCount) {
        self.init(location: location, policy: .adHoc(keys: keys), now: now, jobs: jobs)
    }
}
