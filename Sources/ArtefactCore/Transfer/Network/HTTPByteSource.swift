/// Where the HTTP response parser gets its bytes: a TLS connection in use, or a byte array
/// in tests and fuzzing. Time limits belong to the source (a TLS connection enforces its
/// request deadline on every read); the parser only ever asks for more bytes.
public protocol HTTPByteSource: AnyObject {
    /// Reads up to `buffer.count` bytes into `buffer`; 0 means the peer closed the stream.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}
