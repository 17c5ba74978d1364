/// One page of a ListObjectsV2 answer (`<ListBucketResult>`): each object's key and size,
/// and where the next page starts.
struct S3ListPage: Sendable, Equatable {
    let objects: [S3ObjectInfo]
    let isTruncated: Bool
    let nextContinuationToken: String?

    init(_ bytes: [UInt8], from server: String) throws {
        let document = try S3ResponseDocument(bytes, expected: "ListBucketResult", from: server)
        objects = try document.root.children("Contents").map { contents in
            S3ObjectInfo(key: try document.required("Key", in: contents), size: try document.number("Size", in: contents))
        }
        isTruncated = try document.flag("IsTruncated", in: document.root)
        nextContinuationToken = document.root.text(of: "NextContinuationToken")
        if isTruncated && (nextContinuationToken ?? "").isEmpty {
            throw document.malformed("a truncated listing without a <NextContinuationToken>")
        }
    }
}
