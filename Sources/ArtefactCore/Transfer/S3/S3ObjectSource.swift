/// An object in a bucket, fetched with a ranged GET from the offset, so a staged partial
/// file left by a killed pull is continued rather than fetched again.
struct S3ObjectSource: ByteSource {
    let client: S3Client
    let key: String
    /// The signed size, which bounds what is read and how long the download may take.
    let size: Int64

    func stream(from offset: Int64, reader: FileReader,
                into sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        try client.getObject(key, size: size, from: offset, into: sink)
    }
}
