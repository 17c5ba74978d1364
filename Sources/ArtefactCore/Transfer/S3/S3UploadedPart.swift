/// One part of a multipart upload: as sent (number, ETag and SHA-256 from our record) or as
/// the server lists it (number, ETag and size; servers list no checksums).
struct S3UploadedPart: Sendable, Equatable {
    let number: Int
    let etag: String
    var size: Int64?
    var sha256: SHA256Digest?
}
