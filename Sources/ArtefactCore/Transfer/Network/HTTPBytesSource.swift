/// Bytes held in memory, handed out at most `pieceSize` at a time so that tests and fuzz
/// harnesses reach the parser's paths for a line or a body split across reads.
public final class HTTPBytesSource: HTTPByteSource {
    private let bytes: [UInt8]
    private let pieceSize: Int
    private var position = 0

    public init(_ bytes: [UInt8], pieceSize: Int = 4096) {
        self.bytes = bytes
        self.pieceSize = max(1, pieceSize)
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, pieceSize, bytes.count - position)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + position, byteCount: count)
        }
        position += count
        return count
    }
}
