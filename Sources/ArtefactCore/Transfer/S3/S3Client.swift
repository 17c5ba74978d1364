/// A client of the S3 API over (mutual) TLS, signing every request with SigV4.
///
/// SKELETON: the method signatures are the contract between the S3 client and the S3
/// endpoints; the bodies are being written (issue 10).
final class S3Client: Sendable {
    let access: S3Access

    init(_ access: S3Access) throws {
        self.access = access
    }

    /// The peer certificate subject of the first connection, for the audit log.
    var peerSubject: String? { nil }

    /// Checks that the bucket exists and that the credentials may use it.
    func checkBucket() throws { throw Self.unwritten }

    /// Every object whose key starts with `prefix`, all pages, at most `limit` objects.
    func listObjects(prefix: String, limit: Int) throws -> [S3ObjectInfo] { throw Self.unwritten }

    /// The object's size and SHA-256 checksum (asked for with `x-amz-checksum-mode: ENABLED`), or nil if absent.
    func headObject(_ key: String) throws -> S3ObjectInfo? { throw Self.unwritten }

    /// A small object's bytes, or nil if absent; one larger than `limit` is refused.
    func getObject(_ key: String, limit: Int) throws -> [UInt8]? { throw Self.unwritten }

    /// Streams the object, `size` bytes long, from byte `offset` (a ranged GET) to `sink`;
    /// more bytes than that, or an object of another size, are refused.
    func getObject(_ key: String, size: Int64, from offset: Int64, into sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        throw Self.unwritten
    }

    /// Puts a whole object with `x-amz-content-sha256` and `x-amz-checksum-sha256` set to
    /// `sha256`, and with `If-None-Match: *` when `createOnly`.
    func putObject(_ key: String, body: HTTPBody, sha256: SHA256Digest, createOnly: Bool) throws -> S3PutOutcome { throw Self.unwritten }

    /// Starts a multipart upload whose parts carry SHA-256 checksums; returns its upload id.
    func createMultipartUpload(_ key: String) throws -> String { throw Self.unwritten }

    /// Uploads one part with its SHA-256 checksum; returns its ETag.
    func uploadPart(_ key: String, uploadID: String, number: Int, body: HTTPBody, sha256: SHA256Digest) throws -> String {
        throw Self.unwritten
    }

    /// The parts the server holds for an upload, or nil when it no longer knows the upload.
    func listParts(_ key: String, uploadID: String) throws -> [S3UploadedPart]? { throw Self.unwritten }

    /// Completes an upload from `parts` (each with its ETag and SHA-256), create-only when asked.
    func completeMultipartUpload(_ key: String, uploadID: String, parts: [S3UploadedPart], createOnly: Bool) throws -> S3PutOutcome {
        throw Self.unwritten
    }

    /// Abandons an upload and the parts it holds.
    func abortMultipartUpload(_ key: String, uploadID: String) throws { throw Self.unwritten }

    private static var unwritten: ArtefactError { .operational("the S3 client is not written yet") }
}
