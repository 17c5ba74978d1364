/// An exclusive lock on a store (`flock` on `artefact/lock`, see `FileDescriptor.lockExclusively`).
/// A second writer waits. The kernel drops the lock when its holder dies, so a lock left
/// by a killed process is never stale. The lock file is opened without following a
/// symlink, so a link planted there cannot make artefact create or open a file elsewhere.
/// Take it through `ModelStore.withLock` (or `whileLocked`).
final class StoreLock {
    private let descriptor: FileDescriptor

    /// Blocks until the lock is held.
    init(layout: StoreLayout) throws {
        do {
            descriptor = try layout.directory.openLockFile(StoreLayout.Relative.lock)
        } catch {
            throw error.asArtefactError
        }
        do {
            try descriptor.lockExclusively()
        } catch {
            // The descriptor closes as the half-made lock is dropped.
            throw SystemCallError("flock", path: layout.lock, code: error.code).asArtefactError
        }
    }

    deinit {
        // The descriptor closes after this, as the lock's last stored property goes.
        descriptor.unlock()
    }
}
