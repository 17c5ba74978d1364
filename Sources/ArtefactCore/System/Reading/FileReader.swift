import Glibc

/// The one chunked read loop: hands a byte range of an open file to a closure, in order,
/// a chunk at a time. Every consumer (the hashers, the copier, a transfer's file source,
/// the registry upload) reads through it.
///
/// A regular file is read through `mmap(2)` windows of at most `chunkSize` bytes, each
/// unmapped before the next is mapped, so the closure sees the page cache itself, with no
/// copy, and address space and resident memory stay bounded by one window per reader.
/// Where a file cannot be mapped, or `FileReadMode.current` is `.copied`, it reads with
/// `pread(2)` into a buffer of `chunkSize` bytes instead.
///
/// With `prefetching` (its thread has a core to spare), a long read of either mode is read
/// ahead instead: a helper thread `pread`s it into a ring of buffers while the caller's
/// closure consumes them (`FileReaderRing`), so the caller's thread does nothing but its
/// own work. The ring holds `2 * chunkSize` bytes.
///
/// A file that is truncated while it is read fails the read with `FileReadFailure.shorter`,
/// never with SIGBUS: see `MappedWindow`. One reader serves one thread.
public final class FileReader {
    public let chunkSize: Int
    public let mode: FileReadMode
    /// Whether this reader's thread has a core to spare for reading ahead.
    public let prefetching: Bool
    private var buffer: UnsafeMutableRawBufferPointer?
    private var ring: FileReaderRing?

    /// `chunkSize` is rounded up to a whole number of pages.
    public init(chunkSize: Int, mode: FileReadMode = .current, prefetching: Bool = false) {
        let page = Int(MappedWindow.pageSize)
        self.chunkSize = max(page, (chunkSize + page - 1) / page * page)
        self.mode = mode
        self.prefetching = prefetching
    }

    deinit { buffer?.deallocate() }

    /// Hands `length` bytes of `file` from `offset` to `body`. Throws `FileReadFailure` when
    /// the bytes cannot all be read, or whatever `body` throws.
    public func read(_ file: borrowing FileDescriptor, from offset: Int64, length: Int64,
                     into body: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard length > 0 else { return }
        _ = posix_fadvise(file.rawValue, off_t(offset), off_t(length), POSIX_FADV_SEQUENTIAL)
        var position = offset
        let end = offset + length
        if prefetching {
            let page = Int(MappedWindow.pageSize)
            let ring = self.ring ?? FileReaderRing(slotSize: max(page, chunkSize / 2 / page * page))
            self.ring = ring
            if length >= ring.minimumLength, try ring.read(file, from: offset, end: end, into: body) {
                // The last bytes were read up to a ring's length ago: a cut since then
                // shows only in the size.
                if Self.size(of: file).map({ $0 < end }) == true { throw FileReadFailure.shorter }
                return
            }
        }
        if mode == .mapped {
            position = try readMapped(file, from: offset, end: end, into: body)
        }
        while position < end {
            position += Int64(try readCopy(file, at: position, end: end, into: body))
        }
    }

    /// Hands over mapped windows from `offset` towards `end`, one at a time; returns where
    /// it stopped, which is before `end` only when a window could not be mapped.
    private func readMapped(_ file: borrowing FileDescriptor, from offset: Int64, end: Int64,
                            into body: (UnsafeRawBufferPointer) throws -> Void) throws -> Int64 {
        var position = offset
        while position < end {
            guard let window = MappedWindow(file, at: position, end: end, chunkSize: chunkSize) else { return position }
            let windowEnd = position + Int64(window.bytes.count)
            var failure: Error?
            do { try body(window.bytes) } catch { failure = error }
            // A fault marks a missing page; a truncation inside the window's last page reads
            // as zeros without one, which only the file's size shows. Either way the bytes
            // handed over were not all the file's. A kernel copy out of a vanished page (a
            // write from the window) fails with EFAULT instead, so the size is checked on
            // failure too.
            if window.faulted || Self.size(of: file).map({ $0 < windowEnd }) == true {
                throw FileReadFailure.shorter
            }
            if let failure { throw failure }
            position = windowEnd
        }
        return position
    }

    /// Reads the chunk that starts at `position` with `pread` and hands it to `body`.
    private func readCopy(_ file: borrowing FileDescriptor, at position: Int64, end: Int64,
                          into body: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        let buffer = self.buffer ?? UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 4096)
        self.buffer = buffer
        let wanted = Int(min(Int64(chunkSize), end - position))
        let chunk = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<wanted])
        let count: Int
        do { count = try file.read(into: chunk, at: position) } catch { throw FileReadFailure.system(error) }
        guard count == wanted else { throw FileReadFailure.shorter }
        try body(UnsafeRawBufferPointer(chunk))
        return count
    }

    /// The file's size now, or nil if `fstat` fails.
    private static func size(of file: borrowing FileDescriptor) -> Int64? {
        (try? file.status()).map { Int64($0.st_size) }
    }
}
