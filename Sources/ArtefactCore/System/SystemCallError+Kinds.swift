import Glibc

/// The failures callers outside `System/` tell apart, named, so they need no `errno` codes.
extension SystemCallError {
    /// `EEXIST` from the kernel itself (not a path artefact refused): the name is taken.
    public var isAlreadyExisting: Bool { code == EEXIST && detail == nil }

    /// Creating an entry collided with another (`EEXIST`), or with a symlink or file on
    /// its way (`ELOOP`, `ENOTDIR`).
    public var isCollision: Bool { code == EEXIST || code == ELOOP || code == ENOTDIR }
}

extension SystemCallError {
    /// The entry is gone or is no longer what it was (`ENOENT`), or a symlink or file now
    /// stands in its path (`ELOOP`, `ENOTDIR`): the tree changed under the reader.
    public var isVanished: Bool { code == ENOENT || code == ELOOP || code == ENOTDIR }
}
