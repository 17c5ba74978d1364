import Glibc

/// A directory only this user can enter (mkdtemp, mode 0700) for a secret that must pass
/// through a file another program reads: in /dev/shm when there is one and it allows
/// executing files, so the bytes stay in memory rather than on a disk; else TMPDIR or /tmp. `remove()` overwrites every file written through it
/// with zeros before unlinking it, then removes the directory.
final class PrivateScratchDirectory {
    let path: String
    private var names: [String] = []

    init() throws {
        // A helper in the directory is executed, so a file system mounted noexec will not do.
        let candidates = ["/dev/shm"] + (Environment.value("TMPDIR").flatMap { $0.hasPrefix("/") ? [$0] : nil } ?? []) + ["/tmp"]
        let base = candidates.first(where: Self.isUsable) ?? "/tmp"
        var template = Array("\(base)/artefact-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw SystemCallError("mkdtemp", path: base).asArtefactError
        }
        path = String(cString: made)
    }

    deinit { remove() }

    private static func isUsable(_ directory: String) -> Bool {
        var info = statvfs()
        guard FileSystem.isDirectory(directory), access(directory, W_OK | X_OK) == 0, statvfs(directory, &info) == 0 else { return false }
        return info.f_flag & noExecFlag == 0
    }

    /// glibc's ST_NOEXEC (statvfs f_flag), which Swift does not import: it is declared only
    /// under _GNU_SOURCE.
    private static let noExecFlag: UInt = 8

    func path(of name: String) -> String { "\(path)/\(name)" }

    /// Creates `name` (never following or replacing anything) with `mode`, holding `bytes`.
    func write(_ name: String, _ bytes: UnsafeRawBufferPointer, mode: mode_t) throws {
        let file = try FileDescriptor.open(path(of: name), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode: mode)
        names.append(name)
        try file.writeAll(bytes)
    }

    /// Reads `name`, at most `limit` bytes.
    func read(_ name: String, limit: Int) throws -> [UInt8] {
        try FileDescriptor.open(path(of: name), O_RDONLY | O_NOFOLLOW).readAll(limit: limit)
    }

    /// Zeroes and unlinks every file, then removes the directory; safe to call twice.
    func remove() {
        for name in names {
            let target = path(of: name)
            if let file = try? FileDescriptor.open(target, O_WRONLY | O_NOFOLLOW), let size = try? file.status().st_size, size > 0 {
                [UInt8](repeating: 0, count: Int(size)).withUnsafeBytes { try? file.writeAll($0, at: 0) }
                try? file.sync()
            }
            unlink(target)
        }
        names = []
        rmdir(path)
    }
}
