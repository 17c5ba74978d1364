import Glibc

/// Advisory whole-file locks (`flock(2)`): the kernel drops one when its holder's
/// descriptor closes, so a lock left by a killed process is never stale.
extension FileDescriptor {
    /// `flock(LOCK_EX)`: blocks until this descriptor holds the exclusive lock.
    public func lockExclusively() throws(SystemCallError) {
        guard retryingOnInterrupt({ flock(rawValue, LOCK_EX) }) == 0 else { throw SystemCallError("flock", path: path) }
    }

    /// `flock(LOCK_UN)`; closing the descriptor releases the lock too.
    public func unlock() {
        _ = flock(rawValue, LOCK_UN)
    }
}

extension Directory {
    /// Opens (creating it, mode 0644) a lock file `relative` to this directory for
    /// `lockExclusively`, without following a symlink.
    public func openLockFile(_ relative: String) throws(SystemCallError) -> FileDescriptor {
        try openFile(relative, O_RDWR | O_CREAT, mode: 0o644)
    }
}
