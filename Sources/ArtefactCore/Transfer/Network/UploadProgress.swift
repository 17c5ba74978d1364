import Synchronization

/// One file's bytes counted into a push's progress model as its requests stream them, so
/// the line moves within a single large file (a 1 GiB layer) and not only once it is up.
/// Each byte counts once, however often a request carrying it is sent again (a retry on a
/// new connection, a resumed upload); the parts of one file, sent on several threads,
/// share one. Bytes that never stream (an object or blob found there already, parts kept
/// from an earlier run) count when the file is complete.
final class UploadProgress: Sendable {
    private let progress: HashProgress?
    private let counted = Atomic<Int64>(0)

    init(_ progress: HashProgress?) {
        self.progress = progress
    }

    /// Counts `count` more bytes of the file as done.
    func add(_ count: Int64) {
        guard count > 0 else { return }
        counted.add(count, ordering: .relaxed)
        progress?.add(Int(clamping: count))
    }

    /// The file of `size` bytes is in place: counts what has not been counted yet.
    func complete(size: Int64) {
        add(size - counted.load(ordering: .relaxed))
    }
}
