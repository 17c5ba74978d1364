/// Every file and symlink of a model, each list in canonical path order.
public struct ModelContents: Equatable, Sendable {
    public let files: [ModelFile]
    public let symlinks: [ModelSymlink]

    public init(files: [ModelFile], symlinks: [ModelSymlink]) {
        self.files = files.sorted { ModelPath.precedes($0.path, $1.path) }
        self.symlinks = symlinks.sorted { ModelPath.precedes($0.path, $1.path) }
    }

    /// The sum of the file sizes, saturating rather than overflowing on hostile sizes.
    public var totalBytes: Int64 {
        files.reduce(0) { $0.addingSaturated($1.size) }
    }
}
