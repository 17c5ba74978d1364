import Glibc

/// Small, named wrappers over path-based system calls, for paths a user names (a key, a
/// policy, a bundle, the root of a model or store). Everything inside a model, a store or
/// an export goes through `Directory` instead, which never follows a symlink.
public enum FileSystem {
    /// `lstat(2)`: the entry itself, never what a symlink points at.
    public static func linkStatus(_ path: String) throws(SystemCallError) -> stat {
        var info = stat()
        guard lstat(path, &info) == 0 else { throw SystemCallError("lstat", path: path) }
        return info
    }

    /// `stat(2)`, or nil when nothing is there.
    public static func statusIfPresent(_ path: String) -> stat? {
        var info = stat()
        return stat(path, &info) == 0 ? info : nil
    }

    /// The size of the file at `path` (following symlinks), or nil when nothing is there.
    public static func sizeIfPresent(_ path: String) -> Int64? {
        statusIfPresent(path).map { Int64($0.st_size) }
    }

    public static func isDirectory(_ path: String) -> Bool {
        guard let info = statusIfPresent(path) else { return false }
        return (info.st_mode & S_IFMT) == S_IFDIR
    }

    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// `realpath(3)`, or nil when the path does not resolve.
    public static func canonicalPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// `unlink(2)`, ignoring a file that is already gone.
    public static func removeFile(_ path: String) {
        _ = unlink(path)
    }

    /// Reads a small file a user named (a key, a policy, a bundle, a certificate) whole:
    /// opened with `O_NONBLOCK` so that a FIFO cannot hang the read, and refused unless
    /// `fstat` says it is a regular file of at most `limit` bytes.
    public static func readFile(_ path: String, limit: Int = 64 << 20) throws -> [UInt8] {
        let descriptor: FileDescriptor
        do { descriptor = try FileDescriptor.open(path, O_RDONLY | O_NONBLOCK) } catch { throw error.asArtefactError }
        return try descriptor.closeAfter { try $0.readAll(limit: limit) }
    }

    /// The directory part of a path, as `dirname(1)` prints it.
    public static func directoryName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let head = path[..<slash]
        return head.isEmpty ? "/" : String(head)
    }

    /// The last component of a path, as `basename(1)` prints it.
    public static func baseName(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return String(trimmed) }
        return String(trimmed[trimmed.index(after: slash)...])
    }
}

extension FileSystem {
    /// `mkdir(2)` with mode 0755, succeeding when the directory already exists.
    public static func makeDirectory(_ path: String) throws {
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw SystemCallError("mkdir", path: path).asArtefactError }
    }
}

extension FileSystem {
    /// Whether `path`, a directory a user named, has nothing in it.
    public static func isEmptyDirectory(_ path: String) throws -> Bool {
        do { return try Directory.open(path).entryNames().isEmpty } catch { throw error.asArtefactError }
    }
}
