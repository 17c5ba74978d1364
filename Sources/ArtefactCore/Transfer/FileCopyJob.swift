/// One file to carry across: where its bytes come from, where they go, and what the
/// signature says they must hash to.
struct FileCopyJob: Sendable {
    let modelPath: String
    let source: any ByteSource
    /// The directory the copy goes into, and the target's path relative to it (walked and
    /// opened without following symlinks, so a planted link cannot redirect the write).
    let targetDirectory: Directory
    let targetPath: String
    let size: Int64
    let expected: FileDigest
    /// Whether bytes already at `targetPath` (a partial from a killed run) may be reused.
    let resumable: Bool
    /// Counts the bytes copied (and reused) for the progress line, if one is shown.
    var progress: HashProgress?
}
