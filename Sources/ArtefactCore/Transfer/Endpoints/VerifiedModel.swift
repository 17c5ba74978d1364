/// A model whose bundle verified under the deciding policy and is bound to what was asked.
struct VerifiedModel {
    let manifest: ModelManifest
    /// The bundle as read from the source, stored or exported with the model.
    let bundleBytes: [UInt8]
    let transferID: String
    /// How many threads may copy.
    let workers: Int
    /// Fed by the copy workers when progress is shown.
    let progress: HashProgress?
}
