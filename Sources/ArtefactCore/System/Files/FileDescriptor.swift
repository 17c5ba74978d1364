import Glibc

/// An open file descriptor that this value owns. It cannot be copied, so exactly one
/// value closes it, exactly once: `close(2)` runs when the value goes out of scope, or at
/// `close()`, which consumes it. Other code borrows it.
public struct FileDescriptor: ~Copyable, Sendable {
    public let rawValue: Int32
    /// The path the descriptor was opened with, kept for error messages.
    public let path: String

    /// Takes ownership of `rawValue`: this value will close it.
    public init(rawValue: Int32, path: String) {
        self.rawValue = rawValue
        self.path = path
    }

    deinit { _ = Glibc.close(rawValue) }

    /// `open(2)` with `O_CLOEXEC` always added.
    public static func open(_ path: String, _ flags: Int32, mode: mode_t = 0) throws(SystemCallError) -> FileDescriptor {
        let descriptor = retryingOnInterrupt { Glibc.open(path, flags | O_CLOEXEC, mode) }
        guard descriptor >= 0 else { throw SystemCallError("open", path: path) }
        return FileDescriptor(rawValue: descriptor, path: path)
    }

    /// Runs `body` with this descriptor and closes it afterwards, whatever happens.
    public consuming func closeAfter<Result, Failure: Error>(
        _ body: (borrowing FileDescriptor) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(self)
    }

    /// `close(2)` now rather than at the end of the scope. Like the implicit close, it
    /// ignores a failure: the descriptor is gone either way.
    public consuming func close() {}

    /// `fstat(2)`.
    public func status() throws(SystemCallError) -> stat {
        var info = stat()
        guard fstat(rawValue, &info) == 0 else { throw SystemCallError("fstat", path: path) }
        return info
    }

    /// `pread(2)` until `buffer` is full or the file ends; returns the bytes read.
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(SystemCallError) -> Int {
        var total = 0
        while total < buffer.count {
            let count = retryingOnInterrupt {
                pread(rawValue, buffer.baseAddress! + total, buffer.count - total, off_t(offset) + off_t(total))
            }
            if count < 0 { throw SystemCallError("read", path: path) }
            if count == 0 { break }
            total += count
        }
        return total
    }

    /// `write(2)` until every byte is written.
    public func writeAll(_ bytes: UnsafeRawBufferPointer) throws(SystemCallError) {
        var written = 0
        while written < bytes.count {
            let count = retryingOnInterrupt { Glibc.write(rawValue, bytes.baseAddress! + written, bytes.count - written) }
            if count < 0 { throw SystemCallError("write", path: path) }
            written += count
        }
    }

    public func writeAll(_ bytes: [UInt8]) throws(SystemCallError) {
        let result: Result<Void, SystemCallError> = bytes.withUnsafeBytes { raw in
            Result { () throws(SystemCallError) in try writeAll(raw) }
        }
        try result.get()
    }

    /// `pwrite(2)` until every byte is written at `offset`.
    public func writeAll(_ bytes: UnsafeRawBufferPointer, at offset: Int64) throws(SystemCallError) {
        var written = 0
        while written < bytes.count {
            let count = retryingOnInterrupt {
                pwrite(rawValue, bytes.baseAddress! + written, bytes.count - written, off_t(offset) + off_t(written))
            }
            if count < 0 { throw SystemCallError("write", path: path) }
            written += count
        }
    }

    /// `ftruncate(2)`.
    public func truncate(to size: Int64) throws(SystemCallError) {
        guard retryingOnInterrupt({ ftruncate(rawValue, off_t(size)) }) == 0 else { throw SystemCallError("ftruncate", path: path) }
    }

    /// `fsync(2)`.
    public func sync() throws(SystemCallError) {
        guard retryingOnInterrupt({ fsync(rawValue) }) == 0 else { throw SystemCallError("fsync", path: path) }
    }

    /// Reads the whole file from the start, refusing anything but a regular file (a FIFO
    /// or device could block or never end) and files above `limit` bytes; it never reads
    /// more than `limit` bytes, even from a file that grows meanwhile.
    public func readAll(limit: Int) throws -> [UInt8] {
        let info: stat
        do { info = try status() } catch { throw error.asArtefactError }
        guard FileKind.isRegular(info.st_mode) else {
            throw ArtefactError.badInput("\(path) is a \(FileKind.name(info.st_mode)), not a regular file; name a regular file")
        }
        let size = Int(info.st_size)
        guard size <= limit else {
            throw ArtefactError.badInput("\(path) is \(size) bytes, larger than the \(limit)-byte limit for this kind of file")
        }
        var bytes = [UInt8](repeating: 0, count: size)
        let count = try bytes.withUnsafeMutableBytes { raw in try read(into: raw, at: 0) }
        return Array(bytes[0..<count])
    }
}
