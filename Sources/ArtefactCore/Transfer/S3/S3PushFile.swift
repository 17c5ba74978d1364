/// One signed file on its way up: the store blob that holds it (whose name is its whole
/// SHA-256), the object key it becomes, and how it is split.
struct S3PushFile: Sendable {
    let modelPath: String
    let key: String
    let size: Int64
    let digest: SHA256Digest
    let plan: S3PartPlan

    /// The blob's path relative to the store.
    var blobPath: String { StoreLayout.Relative.blob(digest) }
}
