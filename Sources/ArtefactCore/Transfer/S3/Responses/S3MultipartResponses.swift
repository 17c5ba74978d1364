/// The answers that start and finish a multipart upload.
enum S3MultipartResponses {
    /// The `UploadId` of an `<InitiateMultipartUploadResult>`.
    static func uploadID(_ bytes: [UInt8], from server: String) throws -> String {
        let document = try S3ResponseDocument(bytes, expected: "InitiateMultipartUploadResult", from: server)
        let uploadID = try document.required("UploadId", in: document.root)
        // The id goes back into query strings and the resume record: bounded, printable.
        guard !uploadID.isEmpty, uploadID.utf8.count <= 1024, uploadID.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw document.malformed("an unusable <UploadId>")
        }
        return uploadID
    }

    /// Checks a `<CompleteMultipartUploadResult>`; returns its `ChecksumSHA256`, if any
    /// (a composite `<base64>-<parts>`).
    @discardableResult
    static func completion(_ bytes: [UInt8], from server: String) throws -> String? {
        let document = try S3ResponseDocument(bytes, expected: "CompleteMultipartUploadResult", from: server)
        return document.root.text(of: "ChecksumSHA256")
    }
}
