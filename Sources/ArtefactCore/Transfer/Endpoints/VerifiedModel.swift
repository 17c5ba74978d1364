/// A model whose bundle verified under the deciding policy and is bound to what was asked.
struct VerifiedModel {
    let manifest: ModelManifest
    let bundle: SourceBundle
    let transferID: String
    /// How many threads may copy.
    let workers: Int
    /// Fed by the copy workers when progress is shown.
    let progress: HashProgress?
}
