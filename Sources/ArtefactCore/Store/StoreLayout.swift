/// Where everything lives inside a store directory: an OCI image layout (`oci-layout`,
/// `index.json`, `blobs/sha256/`) plus artefact's own files under `artefact/`.
public struct StoreLayout: Sendable {
    public let root: String

    public init(root: String) {
        var trimmed = root
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.root = trimmed
    }

    public var ociLayout: String { "\(root)/oci-layout" }
    public var index: String { "\(root)/index.json" }
    public var blobs: String { "\(root)/blobs/sha256" }
    public var own: String { "\(root)/artefact" }
    public var configuration: String { "\(own)/store.json" }
    public var state: String { "\(own)/state.json" }
    public var auditLog: String { "\(own)/audit.log" }
    public var auditCheckpoint: String { "\(own)/audit.checkpoint" }
    public var auditPublicKey: String { "\(own)/audit.pub" }
    public var staging: String { "\(own)/staging" }
    public var lock: String { "\(own)/lock" }

    public func blob(_ digest: SHA256Digest) -> String { "\(blobs)/\(digest.hex)" }
    public func staged(_ digest: SHA256Digest) -> String { "\(staging)/\(digest.hex).part" }

    /// Whether `root` looks like an artefact store.
    public var exists: Bool { FileSystem.exists(configuration) && FileSystem.exists(ociLayout) }
}

/// Media types and annotation keys of models in OCI form (see `Docs/FORMAT.md`, "OCI").
public enum OCIMediaType {
    public static let imageManifest = "application/vnd.oci.image.manifest.v1+json"
    public static let imageIndex = "application/vnd.oci.image.index.v1+json"
    public static let modelArtifact = "application/vnd.artefact.model.v1"
    public static let modelConfig = "application/vnd.artefact.model.config.v1+json"
    public static let modelFile = "application/vnd.artefact.model.file.v1"
    public static let bundle = SignatureBundle.mediaType
    public static let titleAnnotation = "org.opencontainers.image.title"
    public static let refNameAnnotation = "org.opencontainers.image.ref.name"
    public static let nameAnnotation = "dev.artefact.model.name"
    public static let versionAnnotation = "dev.artefact.model.version"
    public static let digestAnnotation = "dev.artefact.model.digest"
    public static let classificationAnnotation = "dev.artefact.model.classification"
    /// On a bundle manifest's index entry: the digest of the model manifest it signs.
    public static let subjectAnnotation = "dev.artefact.bundle.subject"
}
