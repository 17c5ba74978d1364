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
