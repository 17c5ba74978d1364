/// A file that requests stream from (a store blob being pushed). A class, so that the
/// request that carries it stays copyable while the descriptor itself is owned once.
/// One thread streams it at a time.
final class HTTPBodyFile {
    let descriptor: FileDescriptor
    let reader = FileReader(chunkSize: HTTPConnection.streamBufferSize)
    private let progress: UploadProgress?
    /// The furthest offset streamed and counted: a byte before it that is sent again (a
    /// retried request) is not counted twice.
    private var countedUpTo: Int64

    /// `progress` is told the bytes as they stream, from `countingFrom` on; bytes before
    /// that offset count as done with the first ones streamed (a registry upload resumed
    /// at that offset), unless the body is a part of a file that starts there.
    init(_ descriptor: consuming FileDescriptor, progress: UploadProgress? = nil, countingFrom offset: Int64 = 0) {
        self.descriptor = descriptor
        self.progress = progress
        countedUpTo = offset
    }

    /// The bytes up to `end` have been written to the connection.
    func streamed(upTo end: Int64) {
        guard end > countedUpTo else { return }
        progress?.add(end - countedUpTo)
        countedUpTo = end
    }
}
