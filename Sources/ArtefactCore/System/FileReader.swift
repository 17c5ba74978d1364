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
/// A file that is truncated while it is read fails the read with `FileReadFailure.shorter`,
/// never with SIGBUS: see `MappedWindow`. One reader serves one thread.
public final class FileReader {
    public let chunkSize: Int
    public let mode: FileReadMode
    private var buffer: UnsafeMutableRawBufferPointer?

    /// `chunkSize` is rounded up to a whole number of pages.
    public init(chunkSize: Int, mode: FileReadMode = .current) {
        let page = Int(MappedWindow.pageSize)
        self.chunkSize = max(page, (chunkSize + page - 1) / page * page)
        self.mode = mode
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
        if mode == .mapped {
            while position < end {
                guard let count = try readWindow(file, at: position, end: end, into: body) else { break }
                position += Int64(count)
            }
        }
        while position < end {
            position += Int64(try readCopy(file, at: position, end: end, into: body))
        }
    }

    /// Maps the window that starts at `position` and hands it to `body`; returns the bytes
    /// handed over, or nil when the file cannot be mapped.
    private func readWindow(_ file: borrowing FileDescriptor, at position: Int64, end: Int64,
                            into body: (UnsafeRawBufferPointer) throws -> Void) throws -> Int? {
        let start = position / MappedWindow.pageSize * MappedWindow.pageSize
        let skip = Int(position - start)
        let mapped = Int(min(Int64(chunkSize), end - start))
        guard let window = MappedWindow(file, offset: start, length: mapped) else { return nil }
        let chunk = UnsafeRawBufferPointer(rebasing: window.bytes[skip...])
        var failure: Error?
        do { try body(chunk) } catch { failure = error }
        // A fault marks a missing page; a truncation inside the window's last page reads as
        // zeros without one, which only the file's size shows. Either way the bytes handed
        // over were not all the file's. A kernel copy out of a vanished page (a write from
        // the window) fails with EFAULT instead, so the size is checked on failure too.
        if window.faulted || Self.size(of: file).map({ $0 < position + Int64(chunk.count) }) == true {
            throw FileReadFailure.shorter
        }
        if let failure { throw failure }
        return chunk.count
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
