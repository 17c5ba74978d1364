/// What the copies of one transfer amounted to.
struct CopyTotals: Sendable {
    var bytesCopied: Int64 = 0
    var bytesReused: Int64 = 0
    var filesReused = 0
    /// Each file's blob digest, in the manifest's file order (stores only).
    var blobDigests: [SHA256Digest] = []
}
