import Glibc

extension Directory {
    /// `openat(O_RDONLY | O_NONBLOCK)` of a file `relative` to this directory, without
    /// following a symlink: non-blocking, so a FIFO planted in its place cannot hang the open.
    public func openForReading(_ relative: String) throws(SystemCallError) -> FileDescriptor {
        try openFile(relative, O_RDONLY | O_NONBLOCK)
    }
}
