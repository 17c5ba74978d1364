/// What one copy did.
struct FileCopyResult: Sendable {
    /// The SHA-256 of the whole file: its blob address in a store.
    let contentDigest: SHA256Digest
    let bytesCopied: Int64
    let bytesReused: Int64
}
