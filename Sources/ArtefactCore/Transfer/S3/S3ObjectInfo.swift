/// One object as a listing or a HEAD request describes it.
struct S3ObjectInfo: Sendable, Equatable {
    let key: String
    let size: Int64
    /// `x-amz-checksum-sha256` as the server reports it (base64; a multipart object's is the
    /// composite `<base64>-<parts>`), when it reports one.
    var checksumSHA256: String?
}
