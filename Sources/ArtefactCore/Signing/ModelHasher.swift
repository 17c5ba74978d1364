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

    /// Hashes what is on disk at `modelPath` under a manifest's signed ignore list and
    /// hashing parameters, for comparison with that manifest. Files whose size already
    /// differs from the manifest are not read; they stand in with a digest that cannot
    /// match. A tree that cannot be a model rejects the artefact.
    public static func hashAsSigned(_ modelPath: String, manifest: ModelManifest, jobs: Int,
                                    progress: (ScannedTree) -> HashProgress? = { _ in nil }) throws -> ModelContents {
        let hasher = ModelHasher(ignore: try IgnoreRules(patterns: manifest.ignore), hashing: manifest.hashing, jobs: jobs)
        let tree: ScannedTree
        do { tree = try hasher.scan(modelPath) } catch let problem as TreeProblem {
            throw ArtefactError.rejected(problem.description)
        }
        let expectedSizes = Dictionary(manifest.contents.files.map { ($0.path, $0.size) }, uniquingKeysWith: { first, _ in first })
        let worthHashing = tree.keeping(files: tree.files.filter { expectedSizes[$0.path] == $0.size })
        let hashed = try hasher.hash(worthHashing, progress: progress(worthHashing))
        let wrongSize = tree.files.filter { expectedSizes[$0.path] != $0.size }
            .map { ModelFile(path: $0.path, size: $0.size, digest: .shards([])) }
        return ModelContents(files: hashed.files + wrongSize, symlinks: hashed.symlinks)
    }
}
