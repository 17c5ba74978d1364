/// A blob in a registry, fetched with a ranged GET from the offset.
struct RegistryBlobSource: ByteSource {
    let client: RegistryClient
    let digest: SHA256Digest
    /// The signed size, which bounds what is read and how long the download may take.
    let size: Int64

    func stream(from offset: Int64, reader: FileReader,
                into sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        try client.downloadBlob(digest, size: size, from: offset, into: sink)
    }
}
