import Glibc

/// Whole-file reads and writes, trees made and removed, all through `Directory`, so they
/// inherit its rule: nothing beneath the directory is followed.
extension Directory {
    /// Reads the regular file `relative` whole (`openat` with `O_NONBLOCK`, so a FIFO
    /// cannot block; `fstat`; anything but a regular file is refused), up to `limit` bytes.
    public func readFile(_ relative: String, limit: Int) throws -> [UInt8] {
        let file: FileDescriptor
        do { file = try openFile(relative, O_RDONLY | O_NONBLOCK) } catch { throw error.asArtefactError }
        return try file.closeAfter { try $0.readAll(limit: limit) }
    }

    /// Writes `bytes` to `relative` so that readers see the old file or the whole new one:
    /// a temporary file beside it (`O_CREAT | O_EXCL | O_NOFOLLOW`), synced, then renamed
    /// over it. With `replacing: false` an existing entry is never replaced (the final step
    /// is `renameat2` with `RENAME_NOREPLACE`) and the call fails with `EEXIST`.
    public func writeFile(_ relative: String, _ bytes: [UInt8], mode: mode_t = 0o644, replacing: Bool = true) throws(SystemCallError) {
        let (parent, name) = try parent(of: relative)
        let temporary = ".\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        // Errors name the file the caller asked for: the temporary name means nothing to a user.
        let target = parent.describe(name)
        func naming(_ error: SystemCallError) -> SystemCallError {
            SystemCallError(error.call, path: target, code: error.code, detail: error.detail)
        }
        let file: FileDescriptor
        do { file = try parent.openFile(temporary, O_WRONLY | O_CREAT | O_EXCL, mode: mode) } catch { throw naming(error) }
        do throws(SystemCallError) {
            try file.closeAfter { (file) throws(SystemCallError) in
                // The creation mode is filtered by the umask; set it exactly.
                guard fchmod(file.rawValue, mode) == 0 else { throw SystemCallError("fchmod", path: file.path) }
                try file.writeAll(bytes)
                try file.sync()
            }
            if replacing {
                try parent.rename(temporary, to: name)
            } else {
                try parent.renameWithoutReplacing(temporary, to: name)
            }
        } catch {
            try? parent.removeFile(temporary)
            throw naming(error)
        }
    }

    /// `mkdir -p` through descriptors: creates `relative` and any missing directories on
    /// the way (each `mkdirat(2)`, then `openat(2)` with `O_NOFOLLOW | O_DIRECTORY`), and
    /// returns it open.
    public func makeDirectories(_ relative: String, mode: mode_t = 0o755) throws(SystemCallError) -> Directory {
        var current = self
        for part in try Self.components(of: relative, in: path) {
            try current.makeDirectory(part, mode: mode)
            current = try current.openDirectory(part)
        }
        return current
    }

    /// `rm -r` through descriptors (`fstatat`, `fdopendir`, `unlinkat`): removes `relative`
    /// and, if it is a directory, everything in it, never following a symlink (a symlink is
    /// removed, not what it points at). A missing entry is fine.
    public func removeTree(_ relative: String) throws(SystemCallError) {
        guard let info = try statusIfPresent(relative) else { return }
        guard FileKind.isDirectory(info.st_mode) else { return try removeFile(relative) }
        let directory = try openDirectory(relative)
        for name in try directory.entryNames() {
            try directory.removeTree(String(decoding: name, as: UTF8.self))
        }
        try removeDirectory(relative)
    }
}
