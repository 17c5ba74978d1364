import CSystem
import Glibc

/// A directory held open by its descriptor: the one place artefact opens, creates, renames
/// and removes anything inside a store, a model tree or an export.
///
/// Every call is made relative to the descriptor (`openat`, `mkdirat`, `unlinkat`,
/// `renameat`, ...), with `O_NOFOLLOW | O_CLOEXEC`, and a relative path is walked one
/// component at a time, each intermediate directory opened with `O_NOFOLLOW | O_DIRECTORY`.
/// So no symlink beneath the directory, whenever it appears, can redirect an operation
/// outside it: a symlink met on the way fails the call with "is a symlink". Only the root a
/// user names (`Directory.open`) is reached by following symlinks, since its path may
/// legitimately pass through one. Paths with empty, `.` or `..` components are refused.
///
/// The descriptor is closed when the last reference goes, so it cannot be closed twice.
public final class Directory: Sendable {
    public let rawValue: Int32
    /// Where the directory was when opened, for messages.
    public let path: String

    private init(rawValue: Int32, path: String) {
        self.rawValue = rawValue
        self.path = path
    }

    deinit { _ = Glibc.close(rawValue) }

    /// `open(2)` with `O_DIRECTORY | O_CLOEXEC`: a directory a user named, whose path may
    /// pass through symlinks. Nothing opened beneath it follows one.
    public static func open(_ path: String) throws(SystemCallError) -> Directory {
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        let descriptor = retryingOnInterrupt { Glibc.open(trimmed, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard descriptor >= 0 else { throw SystemCallError("open", path: trimmed) }
        return Directory(rawValue: descriptor, path: trimmed)
    }

    /// The full path of `relative` beneath this directory, for messages.
    public func describe(_ relative: String) -> String { relative.isEmpty ? path : "\(path)/\(relative)" }

    // MARK: Walking

    /// The components of a relative path; empty, `.` and `..` components are refused.
    static func components(of relative: String, in directory: String) throws(SystemCallError) -> [String] {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !relative.isEmpty, !relative.hasPrefix("/"), parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }),
              !relative.utf8.contains(0)
        else {
            throw SystemCallError("walk", path: "\(directory)/\(relative)", code: EINVAL,
                                  detail: "is not a plain relative path (it is empty, absolute, or has an empty, '.' or '..' component)")
        }
        return parts
    }

    /// Opens the directory holding the last component of `relative` (walking every
    /// intermediate component without following symlinks) and returns it with that name.
    public func parent(of relative: String) throws(SystemCallError) -> (directory: Directory, name: String) {
        let parts = try Self.components(of: relative, in: path)
        var current = self
        for part in parts.dropLast() { current = try current.child(part) }
        return (current, parts[parts.count - 1])
    }

    /// `openat(2)` of the directory `relative` beneath this one, every component opened with
    /// `O_NOFOLLOW | O_DIRECTORY`.
    public func openDirectory(_ relative: String) throws(SystemCallError) -> Directory {
        let (parent, name) = try parent(of: relative)
        return try parent.child(name)
    }

    /// `openat(2)` of one name with `O_NOFOLLOW | O_DIRECTORY | O_CLOEXEC`.
    private func child(_ name: String) throws(SystemCallError) -> Directory {
        let descriptor = retryingOnInterrupt { openat(rawValue, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
        guard descriptor >= 0 else { throw failure("open", name) }
        return Directory(rawValue: descriptor, path: describe(name))
    }

    /// The error for a failed call on `name` in this directory. Refusing to follow a
    /// symlink shows up as `ELOOP` or `ENOTDIR`; a symlink there is then named as one.
    func failure(_ call: String, _ name: String, code: Int32 = errno) -> SystemCallError {
        if code == ELOOP || code == ENOTDIR || code == EEXIST {
            var info = stat()
            if fstatat(rawValue, name, &info, AT_SYMLINK_NOFOLLOW) == 0, FileKind.isSymlink(info.st_mode) {
                return .refusedSymlink(call, path: describe(name))
            }
        }
        return SystemCallError(call, path: describe(name), code: code)
    }

    // MARK: Files

    /// `openat(2)` of the file `relative`, with `O_NOFOLLOW | O_CLOEXEC` always added.
    public func openFile(_ relative: String, _ flags: Int32, mode: mode_t = 0) throws(SystemCallError) -> FileDescriptor {
        let (parent, name) = try parent(of: relative)
        let descriptor = retryingOnInterrupt { openat(parent.rawValue, name, flags | O_NOFOLLOW | O_CLOEXEC, mode) }
        guard descriptor >= 0 else { throw parent.failure("open", name) }
        return FileDescriptor(rawValue: descriptor, path: parent.describe(name))
    }

    /// `fstatat(2)` with `AT_SYMLINK_NOFOLLOW`: the entry itself, never what a link points at.
    public func status(_ relative: String) throws(SystemCallError) -> stat {
        let (parent, name) = try parent(of: relative)
        var info = stat()
        guard fstatat(parent.rawValue, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { throw parent.failure("lstat", name) }
        return info
    }

    /// `fstatat(2)` with `AT_SYMLINK_NOFOLLOW`, or nil when nothing is there. A symlink on
    /// the way is still an error.
    public func statusIfPresent(_ relative: String) throws(SystemCallError) -> stat? {
        do throws(SystemCallError) { return try status(relative) } catch where error.code == ENOENT { return nil }
    }

    /// `mkdirat(2)` with `mode`: a new directory, failing with `EEXIST` when anything is there.
    public func createDirectory(_ relative: String, mode: mode_t = 0o755) throws(SystemCallError) {
        let (parent, name) = try parent(of: relative)
        guard mkdirat(parent.rawValue, name, mode) == 0 else { throw parent.failure("mkdir", name) }
    }

    /// `mkdirat(2)` with `mode`; an existing directory is fine, anything else there is not.
    public func makeDirectory(_ relative: String, mode: mode_t = 0o755) throws(SystemCallError) {
        let (parent, name) = try parent(of: relative)
        guard mkdirat(parent.rawValue, name, mode) != 0 else { return }
        let code = errno
        if code == EEXIST, let info = try parent.statusIfPresent(name), FileKind.isDirectory(info.st_mode) { return }
        throw parent.failure("mkdir", name, code: code)
    }

    /// `unlinkat(2)` of a file or symlink (never what it points at); a missing one is fine.
    public func removeFile(_ relative: String) throws(SystemCallError) {
        let (parent, name) = try parent(of: relative)
        guard unlinkat(parent.rawValue, name, 0) == 0 || errno == ENOENT else { throw parent.failure("unlink", name) }
    }

    /// `unlinkat(2)` with `AT_REMOVEDIR`: removes an empty directory.
    public func removeDirectory(_ relative: String) throws(SystemCallError) {
        let (parent, name) = try parent(of: relative)
        guard unlinkat(parent.rawValue, name, AT_REMOVEDIR) == 0 else { throw parent.failure("rmdir", name) }
    }

    /// `renameat(2)`: moves `relative` to `target` in `destination` (this directory when
    /// nil), replacing what is there. Neither end follows a symlink.
    public func rename(_ relative: String, to target: String, in destination: Directory? = nil) throws(SystemCallError) {
        let (from, fromName) = try parent(of: relative)
        let (to, toName) = try (destination ?? self).parent(of: target)
        guard renameat(from.rawValue, fromName, to.rawValue, toName) == 0 else { throw to.failure("rename", toName) }
    }

    /// `renameat2(2)` with `RENAME_NOREPLACE`: moves `relative` to `target`, failing with
    /// `EEXIST` rather than replace anything there. Where the kernel or file system lacks
    /// the flag, a file is linked and unlinked instead (`linkat` never replaces either), and
    /// a directory is renamed after checking that nothing is there.
    public func renameWithoutReplacing(_ relative: String, to target: String, in destination: Directory? = nil) throws(SystemCallError) {
        let (from, fromName) = try parent(of: relative)
        let (to, toName) = try (destination ?? self).parent(of: target)
        if artefact_renameat_noreplace(from.rawValue, fromName, to.rawValue, toName) == 0 { return }
        let code = errno
        guard code == ENOSYS || code == EINVAL else { throw to.failure("rename", toName, code: code) }
        let info = try from.status(fromName)
        if FileKind.isDirectory(info.st_mode) {
            if try to.statusIfPresent(toName) != nil { throw to.failure("rename", toName, code: EEXIST) }
            guard renameat(from.rawValue, fromName, to.rawValue, toName) == 0 else { throw to.failure("rename", toName) }
        } else {
            try from.link(fromName, to: toName, in: to)
            try from.removeFile(fromName)
        }
    }

    /// `linkat(2)` without `AT_SYMLINK_FOLLOW`: a second name for `relative`, which fails
    /// with `EEXIST` rather than replace anything at `target`.
    public func link(_ relative: String, to target: String, in destination: Directory? = nil) throws(SystemCallError) {
        let (from, fromName) = try parent(of: relative)
        let (to, toName) = try (destination ?? self).parent(of: target)
        guard linkat(from.rawValue, fromName, to.rawValue, toName, 0) == 0 else { throw to.failure("link", toName) }
    }

    /// `symlinkat(2)`: creates the symlink `relative` pointing at `target`.
    public func makeSymlink(_ relative: String, target: String) throws(SystemCallError) {
        let (parent, name) = try parent(of: relative)
        guard symlinkat(target, parent.rawValue, name) == 0 else { throw parent.failure("symlink", name) }
    }

    /// `readlinkat(2)`, as raw bytes: a link target need not be valid UTF-8.
    public func linkTarget(_ relative: String) throws(SystemCallError) -> [UInt8] {
        let (parent, name) = try parent(of: relative)
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = buffer.withUnsafeMutableBufferPointer { pointer in
            readlinkat(parent.rawValue, name, UnsafeMutableRawPointer(pointer.baseAddress!).assumingMemoryBound(to: CChar.self), pointer.count)
        }
        guard count >= 0 else { throw parent.failure("readlink", name) }
        return Array(buffer[0..<count])
    }

    /// The raw names in this directory, without `.` and `..` (`fdopendir(3)` on a fresh
    /// descriptor of it, then `readdir(3)`).
    public func entryNames() throws(SystemCallError) -> [[UInt8]] {
        let descriptor = retryingOnInterrupt { openat(rawValue, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard descriptor >= 0 else { throw SystemCallError("open", path: path) }
        guard let handle = fdopendir(descriptor) else {
            let failure = SystemCallError("opendir", path: path)
            _ = Glibc.close(descriptor)
            throw failure
        }
        defer { closedir(handle) }
        var names: [[UInt8]] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if name != [UInt8(ascii: ".")] && name != [UInt8(ascii: "."), UInt8(ascii: ".")] { names.append(name) }
        }
        return names
    }

    /// The names in this directory as text (names that are not UTF-8 are repaired, so use
    /// this only for artefact's own directories).
    public func entries() throws(SystemCallError) -> [String] {
        try entryNames().map { String(decoding: $0, as: UTF8.self) }
    }

    /// `fsync(2)` on the directory, so that entries made in it survive a crash.
    public func sync() throws(SystemCallError) {
        guard retryingOnInterrupt({ fsync(rawValue) }) == 0 else { throw SystemCallError("fsync", path: path) }
    }
}
