/// Scans and hashes a model tree: the one path from a directory on disk to `ModelContents`,
/// shared by `hash`, `sign` and `verify`.
public struct ModelHasher: Sendable {
    public let ignore: IgnoreRules
    public let hashing: HashingParameters
    public let jobs: Int

    public init(ignore: IgnoreRules, hashing: HashingParameters, jobs: Int) {
        self.ignore = ignore
        self.hashing = hashing
        self.jobs = jobs
    }

    public func scan(_ modelPath: String) throws -> ScannedTree {
        try ModelTreeScanner(ignore: ignore).scan(modelPath)
    }

    /// Hashes the files of `tree`; `progress` counts the bytes as they are read.
    public func hash(_ tree: ScannedTree, progress: HashProgress? = nil) throws -> ModelContents {
        let files = try ParallelHasher(jobs: jobs, parameters: hashing).hash(tree, progress: progress)
        return ModelContents(files: files, symlinks: tree.symlinks)
    }
}
