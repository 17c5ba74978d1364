import Glibc

/// Small, named wrappers over the path-based system calls artefact uses.
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

    /// `readlink(2)`, as raw bytes: a link target need not be valid UTF-8.
    public static func linkTarget(_ path: String) throws(SystemCallError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = buffer.withUnsafeMutableBufferPointer { pointer in
            readlink(path, UnsafeMutableRawPointer(pointer.baseAddress!).assumingMemoryBound(to: CChar.self), pointer.count)
        }
        guard count >= 0 else { throw SystemCallError("readlink", path: path) }
        return Array(buffer[0..<count])
    }

    /// `realpath(3)`, or nil when the path does not resolve.
    public static func canonicalPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// `rename(2)`.
    public static func rename(_ from: String, to: String) throws(SystemCallError) {
        guard Glibc.rename(from, to) == 0 else { throw SystemCallError("rename", path: to) }
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

    /// `fsync(2)` on a directory, so that renames into it survive a crash.
    public static func syncDirectory(_ path: String) throws {
        do {
            let directory = try FileDescriptor.open(path, O_RDONLY | O_DIRECTORY)
            defer { directory.close() }
            try directory.sync()
        } catch {
            throw error.asArtefactError
        }
    }
}

extension FileSystem {
    /// Removes a directory tree without following symlinks; errors are ignored, as this
    /// only cleans up artefact's own temporary directories.
    public static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            for name in (try? directoryEntries(path)) ?? [] { removeTree("\(path)/\(name)") }
            _ = rmdir(path)
        } else {
            _ = unlink(path)
        }
    }
}

extension FileSystem {
    /// Whether `path` is a directory with nothing in it.
    public static func isEmptyDirectory(_ path: String) throws -> Bool {
        try directoryEntryNames(path).isEmpty
    }
}

extension FileSystem {
    /// The raw names in a directory, without `.` and `..` (`opendir(3)`, `readdir(3)`).
    public static func directoryEntryNames(_ path: String) throws -> [[UInt8]] {
        guard let handle = opendir(path) else { throw SystemCallError("opendir", path: path).asArtefactError }
        defer { closedir(handle) }
        var names: [[UInt8]] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if name != [UInt8(ascii: ".")] && name != [UInt8(ascii: "."), UInt8(ascii: ".")] { names.append(name) }
        }
        return names
    }

    /// The names in a directory as text (names that are not UTF-8 are repaired, so use
    /// this only for artefact's own directories).
    public static func directoryEntries(_ path: String) throws -> [String] {
        try directoryEntryNames(path).map { String(decoding: $0, as: UTF8.self) }
    }
}
