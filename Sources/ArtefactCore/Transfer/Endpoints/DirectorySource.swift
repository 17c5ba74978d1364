/// A signed model directory (or file) with its bundle, as a transfer's source.
final class DirectorySource: ModelSource {
    let location: ModelLocation

    init(_ location: ModelLocation) {
        self.location = location
    }

    var description: String { location.modelPath }
    var auditEndpoint: AuditEndpoint { AuditEndpoint(local: location.modelPath) }

    func loadBundle() throws -> SourceBundle {
        guard FileSystem.exists(location.bundlePath) else {
            throw TransferRejection(check: .bundle, reason: "no signature bundle at \(location.bundlePath); sign the model first")
        }
        let bytes: [UInt8]
        do { bytes = try SignatureBundle.readBytes(path: location.bundlePath) } catch let error as ArtefactError where error.kind == .rejected {
            throw TransferRejection(check: .bundle, reason: error.message)
        }
        return try SourceBundle(bytes: bytes, source: location.bundlePath, description: location.bundlePath)
    }

    /// A directory says nothing about the model beyond its bundle.
    func checkBinding(_ manifest: ModelManifest) throws {}

    func fileSources(for manifest: ModelManifest) throws -> [any ByteSource] {
        let hasher = ModelHasher(ignore: try IgnoreRules(patterns: manifest.ignore), hashing: manifest.hashing, jobs: 1)
        let tree: ScannedTree
        do { tree = try hasher.scan(location.modelPath) } catch let problem as TreeProblem {
            throw TransferRejection(check: .integrity, reason: problem.description, manifest: manifest)
        }
        // Compare paths, sizes, kinds and link targets now; contents are hashed while copying.
        let shape = ModelContents(files: tree.files.map { ModelFile(path: $0.path, size: $0.size, digest: .shards([])) },
                                  symlinks: tree.symlinks)
        let expected = ModelContents(files: manifest.contents.files.map { ModelFile(path: $0.path, size: $0.size, digest: .shards([])) },
                                     symlinks: manifest.contents.symlinks)
        let comparison = IntegrityComparison(expected: expected, actual: shape)
        guard comparison.isClean else {
            throw TransferRejection(check: .integrity, reason: "the model's files differ from the signed manifest (\(comparison.summary))",
                                    manifest: manifest)
        }
        return manifest.contents.files.map { FileByteSource(directory: tree.directory, path: $0.path, modelPath: $0.path, size: $0.size) }
    }
}

extension AuditEndpoint {
    /// A local path as an audit entry records it: absolute where it can be resolved.
    init(local path: String) {
        var location = path
        if !path.hasPrefix("/"), let parent = FileSystem.canonicalPath(FileSystem.directoryName(path)) {
            location = "\(parent)/\(FileSystem.baseName(path))"
        }
        self.init(location: location, environment: nil)
    }
}
