/// Where a transfer takes a model from, as `TransferEndpointParser` resolved it (a model
/// directory, a store, a registry): one `ModelSource`, opened once.
public struct TransferSource: @unchecked Sendable, CustomStringConvertible {
    // A source is used by one transfer on one thread; unchecked because it holds what it read.
    let endpoint: any ModelSource

    init(_ endpoint: any ModelSource) {
        self.endpoint = endpoint
    }

    /// A signed model directory (or file) with its bundle.
    public static func directory(_ location: ModelLocation) -> TransferSource { TransferSource(DirectorySource(location)) }
    /// A model version in a store; a nil version means the highest.
    public static func store(_ store: ModelStore, name: String, version: String?) -> TransferSource {
        TransferSource(StoreSource(store, name: name, version: version))
    }
    /// A model version in an OCI registry, tagged with its version.
    public static func registry(_ access: RegistryAccess) -> TransferSource { TransferSource(RegistrySource(access)) }

    public var description: String { endpoint.description }
}

/// Where a transfer puts a model, as `TransferEndpointParser` resolved it (a store, an
/// export directory, a registry): one `ModelDestination`, opened once.
public struct TransferDestination: @unchecked Sendable, CustomStringConvertible {
    // As for `TransferSource`.
    let endpoint: any ModelDestination

    init(_ endpoint: any ModelDestination) {
        self.endpoint = endpoint
    }

    /// A store, which verifies under its own policy.
    public static func store(_ store: ModelStore) -> TransferDestination { TransferDestination(StoreDestination(store)) }
    /// A plain directory for an inference server, absent or empty; written whole or not at all.
    public static func export(_ path: String) -> TransferDestination { TransferDestination(ExportDestination(path)) }
    /// An OCI registry repository: the model is pushed tagged with its version.
    public static func registry(_ access: RegistryAccess) -> TransferDestination { TransferDestination(RegistryDestination(access)) }

    public var description: String { endpoint.description }
}

/// Everything a transfer needs besides the endpoints.
public struct TransferRequest: Sendable {
    public var source: TransferSource
    public var destination: TransferDestination
    /// `--model NAME[@VERSION]` for a directory source: what the signed model must be.
    public var expectedName: String?
    public var expectedVersion: String?
    /// The time the crossing is judged at; never earlier than now (`TransferClock`).
    public var now: Timestamp
    public var jobs: Int
    /// The passphrase of an encrypted audit key.
    public var auditPassphrase: SecretBytes?

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

/// What a transfer did.
public struct TransferOutcome: Sendable {
    public let transferID: String
    public let accepted: Bool
    /// The failing check and reason on rejection; a summary on success.
    public let reason: String
    public let manifest: ModelManifest?
    public let report: VerificationReport?
    /// The version was already in the destination with the same digest: nothing to copy.
    public let alreadyPresent: Bool
    public let bytesCopied: Int64
    public let bytesReused: Int64
    public let filesReused: Int
    /// Where the bundle ended up, for an export.
    public let exportedBundle: String?
}

/// How to reach one registry repository: where, over which TLS, as whom.
public struct RegistryAccess: Sendable {
    public let reference: RegistryReference
    public let tls: TLSSettings
    /// The passphrase of an encrypted client key.
    public let keyPassphrase: SecretBytes?
    public let credentials: RegistryCredentials?

    public init(reference: RegistryReference, tls: TLSSettings, keyPassphrase: SecretBytes?, credentials: RegistryCredentials?) {
        self.reference = reference
        self.tls = tls
        self.keyPassphrase = keyPassphrase
        self.credentials = credentials
    }
}
