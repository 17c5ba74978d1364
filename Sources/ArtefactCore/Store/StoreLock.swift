import Glibc

/// An exclusive lock on a store (`flock` on `artefact/lock`). A second writer waits. The
/// kernel drops the lock when its holder dies, so a lock left by a killed process is
/// never stale. The lock file is opened without following a symlink, so a link planted
/// there cannot make artefact create or open a file elsewhere.
public final class StoreLock {
    private let descriptor: FileDescriptor

    /// Blocks until the lock is held.
    public init(layout: StoreLayout) throws {
        do {
            descriptor = try layout.directory.openFile(StoreLayout.Relative.lock, O_RDWR | O_CREAT, mode: 0o644)
        } catch {
            throw error.asArtefactError
        }
        while flock(descriptor.rawValue, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            // The descriptor closes as the half-made lock is dropped.
            throw SystemCallError("flock", path: layout.lock).asArtefactError
        }
    }

    deinit {
        // The descriptor closes after this, as the lock's last stored property goes.
        _ = flock(descriptor.rawValue, LOCK_UN)
    }
}
