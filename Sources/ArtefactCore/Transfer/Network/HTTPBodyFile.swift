/// A file that requests stream from (a store blob being pushed). A class, so that the
/// request that carries it stays copyable while the descriptor itself is owned once.
final class HTTPBodyFile {
    let descriptor: FileDescriptor
    let reader = FileReader(chunkSize: HTTPConnection.streamBufferSize)

    init(_ descriptor: consuming FileDescriptor) {
        self.descriptor = descriptor
    }
}
