/// The one way every verb says that the folder it was asked to write into is missing (a
/// key, a bundle, a store, an export): one line naming the folder and the command that
/// makes it. Without it each verb failed in its own words, some with a raw `mkdir` error
/// and some naming an internal temporary file.
public enum ParentDirectory {
    /// Fails with bad input, before any work, unless the directory that would hold `path`
    /// exists. `action` says what was to happen to `path` ("write", "create").
    public static func require(for path: String, action: String = "write") throws {
        let target = trimmed(path)
        let directory = FileSystem.directoryName(target)
        if FileSystem.isDirectory(directory) { return }
        if FileSystem.exists(directory) {
            throw ArtefactError.badInput("cannot \(action) \(path): \(directory) is not a directory")
        }
        throw missing(path, action: action)
    }

    /// The error for `path` whose directory does not exist, for a caller that learnt it
    /// from a failed open.
    public static func missing(_ path: String, action: String = "write") -> ArtefactError {
        let directory = FileSystem.directoryName(trimmed(path))
        return ArtefactError.badInput("cannot \(action) \(path): the directory \(directory) does not exist; "
                                      + "create it first (mkdir -p \(directory))")
    }

    private static func trimmed(_ path: String) -> String {
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        return trimmed
    }
}
