/// Where a file's bytes come from in a transfer: pushed to a sink in order, from an
/// offset, so that a resumed copy never reads a byte twice.
protocol ByteSource: Sendable {
    /// Streams the bytes from `offset` to the end into `sink`, through `reader` where it
    /// reads a file.
    func stream(from offset: Int64, reader: FileReader,
                into sink: (UnsafeRawBufferPointer) throws -> Void) throws
}
