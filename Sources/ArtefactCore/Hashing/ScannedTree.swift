/// What the scanner found under a model root: every regular file and symlink that is not
/// ignored, in canonical path order.
public struct ScannedTree: Sendable {
    /// The directory that relative paths are relative to.
    public let root: String
    /// That directory, held open: files are read through it without following symlinks,
    /// so a link swapped in after the scan cannot redirect a read outside the model.
    public let directory: Directory
    public let files: [ScannedFile]
    public let symlinks: [ModelSymlink]

    public init(root: String, directory: Directory, files: [ScannedFile], symlinks: [ModelSymlink]) {
        self.root = root
        self.directory = directory
        self.files = files
        self.symlinks = symlinks
    }

    /// The same tree with only `files` (a subset), for hashing part of it.
    public func keeping(files: [ScannedFile]) -> ScannedTree {
        ScannedTree(root: root, directory: directory, files: files, symlinks: symlinks)
    }

    public func absolutePath(of relativePath: String) -> String { "\(root)/\(relativePath)" }
    public var totalBytes: Int64 { files.reduce(0) { $0 + $1.size } }
}
