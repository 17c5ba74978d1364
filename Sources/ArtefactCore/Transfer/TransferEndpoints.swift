/// Where a transfer takes a model from.
public enum TransferSource: Sendable {
    /// A signed model directory (or file) with its bundle.
    case directory(ModelLocation)
    /// A model version in a store; a nil version means the highest.
    case store(ModelStore, name: String, version: String?)
    /// A model version in an OCI registry, tagged with its version.
    case registry(RegistryAccess)

    public var description: String {
        switch self {
        case .directory(let location): return location.modelPath
        case .store(let store, let name, let version): return "\(store.layout.root) (\(name)\(version.map { "@" + $0 } ?? ""))"
        case .registry(let access): return access.reference.description
        }
    }
}

/// Where a transfer puts a model.
public enum TransferDestination: Sendable {
    /// A store, which verifies under its own policy.
    case store(ModelStore)
    /// A plain directory for an inference server, absent or empty; written whole or not at all.
    case export(String)
    /// An OCI registry repository: the model is pushed tagged with its version.
    case registry(RegistryAccess)

    public var description: String {
        switch self {
        case .store(let store): return store.layout.root
        case .export(let path): return path
        case .registry(let access): return access.reference.description
        }
    }
}

/// Everything a transfer needs besides the endpoints.
public struct TransferRequest: Sendable {
    public var source: TransferSource
    public var destination: TransferDestination
    /// `--model NAME[@VERSION]` for a directory source: what the signed model must be.
    public var expectedName: String?
    public var expectedVersion: String?
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
