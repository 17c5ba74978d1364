import Glibc

/// Names the kind of a file from its `st_mode`, for messages such as "is a FIFO".
public enum FileKind {
    public static func name(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFREG: return "regular file"
        case S_IFDIR: return "directory"
        case S_IFLNK: return "symlink"
        case S_IFIFO: return "FIFO"
        case S_IFSOCK: return "socket"
        case S_IFCHR: return "character device"
        case S_IFBLK: return "block device"
        default: return "special file"
        }
    }

    public static func isRegular(_ mode: mode_t) -> Bool { (mode & S_IFMT) == S_IFREG }
    public static func isDirectory(_ mode: mode_t) -> Bool { (mode & S_IFMT) == S_IFDIR }
    public static func isSymlink(_ mode: mode_t) -> Bool { (mode & S_IFMT) == S_IFLNK }
}
