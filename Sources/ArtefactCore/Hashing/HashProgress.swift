import Synchronization

/// The one progress model of every long verb: bytes done of a total, the file being worked
/// on, and the files finished since last asked. The hashing and copying workers feed it
/// from their threads; whoever reports progress reads it from another.
public final class HashProgress: Sendable {
    private let done = Atomic<Int64>(0)
    private let total: Atomic<Int64>
    private let files = Mutex<(current: String?, finished: [String])>((nil, []))

    /// A model of `totalBytes`; 0 when the total is not known yet (`begin(totalBytes:)`).
    public init(totalBytes: Int64 = 0) { total = Atomic(totalBytes) }

    public var bytesDone: Int64 { done.load(ordering: .relaxed) }
    public var totalBytes: Int64 { total.load(ordering: .relaxed) }

    /// The file a worker most recently started on, if any.
    public var currentFile: String? { files.withLock { $0.current } }

    /// Sets the total once it is known (a transfer learns it from the verified manifest).
    public func begin(totalBytes: Int64) { total.store(totalBytes, ordering: .relaxed) }

    /// The files finished since the last call, in the order they finished.
    public func takeFinishedFiles() -> [String] {
        files.withLock { state in
            defer { state.finished = [] }
            return state.finished
        }
    }

    func add(_ count: Int) {
        done.add(Int64(count), ordering: .relaxed)
    }

    func started(_ path: String) { files.withLock { $0.current = path } }

    func finished(_ path: String) { files.withLock { $0.finished.append(path) } }
}
