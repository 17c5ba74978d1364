/// One page of a ListParts answer (`<ListPartsResult>`): each part's number, ETag and
/// size (and SHA-256, if the server lists one), and where the next page starts.
struct S3PartsPage: Sendable, Equatable {
    static let maximumPartNumber = 10_000

    let parts: [S3UploadedPart]
    let isTruncated: Bool
    let nextPartNumberMarker: Int?

    init(_ bytes: [UInt8], from server: String) throws {
        let document = try S3ResponseDocument(bytes, expected: "ListPartsResult", from: server)
        parts = try document.root.children("Part").map { part in
            let number = try document.number("PartNumber", in: part)
            guard (1...Int64(Self.maximumPartNumber)).contains(number) else { throw document.malformed("part number \(number) is outside 1 to 10000") }
            var sha256: SHA256Digest?
            if let checksum = part.text(of: "ChecksumSHA256") {
                guard let bytes = Base64.decode(checksum.trimmingSpaces), bytes.count == SHA256Digest.byteCount else {
                    throw document.malformed("part \(number) has a <ChecksumSHA256> that is not a base64 SHA-256")
                }
                sha256 = SHA256Digest(bytes: bytes)
            }
            return S3UploadedPart(number: Int(number), etag: try document.required("ETag", in: part),
                                  size: try document.number("Size", in: part), sha256: sha256)
        }
        isTruncated = try document.flag("IsTruncated", in: document.root)
        if document.root.child("NextPartNumberMarker") != nil {
            let marker = try document.number("NextPartNumberMarker", in: document.root)
            guard marker <= Int64(Self.maximumPartNumber) else { throw document.malformed("<NextPartNumberMarker> \(marker) is beyond part 10000") }
            nextPartNumberMarker = Int(marker)
        } else {
            nextPartNumberMarker = nil
        }
        if isTruncated && nextPartNumberMarker == nil { throw document.malformed("a truncated part listing without a <NextPartNumberMarker>") }
    }
}
