/// Everything a transfer needs besides the endpoints.
public struct TransferRequest {
    public var source: TransferSource
    public var destination: TransferDestination
    /// `--model NAME[@VERSION]` for a directory source: what the signed model must be.
    public var expectedName: String?
    public var expectedVersion: String?
    /// `--version V`: the version an OMS-signed model takes in a store, which OMS does not
    /// sign; recorded in the crossing log as asserted by the operator.
    public var assertedVersion: String?
    /// The time the crossing is judged at; never earlier than now (`TransferClock`).
    public var now: Timestamp
    public var jobs: Int
    /// The passphrase of an encrypted audit key.
    public var auditPassphrase: SecretBytes?
    /// Counts the bytes copied, for a progress line; its total is set once the manifest verified.
    public var progress: HashProgress?

    public init(source: TransferSource, destination: TransferDestination, expectedName: String? = nil, expectedVersion: String? = nil,
                now: Timestamp = .now, jobs: Int = onlineProcessorCount, auditPassphrase: SecretBytes? = nil) {
        self.source = source
        self.destination = destination
        self.expectedName = expectedName
        self.expectedVersion = expectedVersion
        self.now = now
        self.jobs = jobs
        self.auditPassphrase = auditPassphrase
    }
}
