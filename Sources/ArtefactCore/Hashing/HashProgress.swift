import Synchronization

/// Bytes hashed so far, shared between the hashing workers and whoever reports progress.
public final class HashProgress: Sendable {
    private let done = Atomic<Int64>(0)
    public let totalBytes: Int64

    public init(totalBytes: Int64) { self.totalBytes = totalBytes }

    public var bytesDone: Int64 { done.load(ordering: .relaxed) }

    func add(_ count: Int) {
        done.add(Int64(count), ordering: .relaxed)
    }
}
