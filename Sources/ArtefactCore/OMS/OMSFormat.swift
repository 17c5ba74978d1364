/// The constants of OpenSSF Model Signing (OMS) v1.0 bundles as model_signing 1.1.1 writes
/// them (`_signing/signing.py`, `_signing/sign_sigstore_pb.py`), and the bounds artefact
/// puts on what it reads (see `Docs/FORMAT.md`, "OpenSSF Model Signing bundles").
public enum OMSFormat {
    /// The statement's `predicateType`, by which an OMS bundle is recognised.
    public static let predicateType = "https://model_signing/signature/v1.0"
    /// The predicate type of model_signing before 1.0, recognised only to be refused by name.
    public static let legacyPredicateType = "https://model_signing/Digests/v0.1"
    /// The most resources one bundle may list. A bundle is at most
    /// `SignatureBundle.maximumSize` bytes, and a resource takes more than 100 of them, so
    /// this bound is reached only by a bundle that is refused for its size anyway.
    public static let maximumResources = 1_000_000
    /// The most ignore paths one bundle may list.
    public static let maximumIgnorePaths = 10_000

    /// A malformed OMS bundle rejects the artefact it claims to sign.
    static func reject(_ message: String) -> ArtefactError { .rejected("OMS bundle: \(message)") }
}
