import Glibc

/// What `stat(2)` and `fstat(2)` return, by a name code outside `System/` can use without
/// importing the C library.
public typealias FileStatus = Glibc.stat

/// What `stat(2)` said about an entry, in words, so code outside `System/` needs no
/// `st_mode` bits (and no C module).
extension stat {
    public var isRegularFile: Bool { FileKind.isRegular(st_mode) }
    public var isDirectory: Bool { FileKind.isDirectory(st_mode) }
    public var isSymlink: Bool { FileKind.isSymlink(st_mode) }
    /// "regular file", "directory", "symlink", ... for messages.
    public var kindName: String { FileKind.name(st_mode) }
    /// The size in bytes.
    public var byteCount: Int64 { Int64(st_size) }
}
