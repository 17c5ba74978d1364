import Glibc

/// Who and where this process runs, for the crossing log.
public enum ProcessIdentity {
    /// The effective user's name (`getpwuid(3)` of `geteuid(2)`), or `uid N` without one.
    public static var userName: String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid \(geteuid())"
    }

    /// `gethostname(2)`, or `unknown` when it fails.
    public static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
