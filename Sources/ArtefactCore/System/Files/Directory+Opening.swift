import Glibc

/// The ways code outside `System/` opens a file below a directory, named for what they
/// are for, so callers need no `O_*` flags (and no C module). Each goes through
/// `openFile`, which adds `O_NOFOLLOW | O_CLOEXEC` and never follows a symlink.
extension Directory {
    /// `openat(O_RDONLY | O_NONBLOCK)`: a FIFO planted in place of a file cannot block the
    /// open; callers check with `status()` that it is a regular file before reading.
    public func openForReading(_ relative: String) throws(SystemCallError) -> FileDescriptor {
        try openFile(relative, O_RDONLY | O_NONBLOCK)
    }

    /// `openat(O_WRONLY | O_APPEND | O_CREAT)`: an append-only log file.
    public func openForAppending(_ relative: String, mode: mode_t = 0o644) throws(SystemCallError) -> FileDescriptor {
        try openFile(relative, O_WRONLY | O_APPEND | O_CREAT, mode: mode)
    }

    /// `openat(O_RDWR | O_CREAT)`, with `O_EXCL` unless `reusing` an existing file (a
    /// staged partial file a rerun resumes).
    public func openForWriting(_ relative: String, reusing: Bool, mode: mode_t = 0o644) throws(SystemCallError) -> FileDescriptor {
        try openFile(relative, O_RDWR | O_CREAT | (reusing ? 0 : O_EXCL), mode: mode)
    }
}
