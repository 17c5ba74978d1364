/// Signs a model directory as an OpenSSF Model Signing v1.0 bundle that `model_signing
/// verify key` accepts: the resources of files (or shards) serialization, the statement
/// model_signing would write, one ECDSA signature over the DSSE PAE, and the public key
/// hint model_signing checks (the SHA-256 of the signer's PEM public key).
public enum OMSModelSigner {
    /// The paths model_signing leaves out by default (`hashing.py`, `ignore_git_paths`).
    public static let gitPaths = [".git", ".gitattributes", ".github", ".gitignore"]

    /// What an OMS signing needs: where, how, and with which key.
    public struct Request: Sendable {
        public var location: ModelLocation
        /// Shard size in bytes for shards serialization; nil for files serialization.
        public var shardSize: Int64?
        /// More exact paths (relative to the model) to leave out.
        public var ignorePaths: [String]
        public var jobs: Int

        public init(location: ModelLocation, shardSize: Int64?, ignorePaths: [String], jobs: Int) {
            self.location = location
            self.shardSize = shardSize
            self.ignorePaths = ignorePaths
            self.jobs = jobs
        }
    }

    /// Hashes the model, signs, and writes the bundle atomically. Returns the statement.
    @discardableResult
    public static func sign(_ request: Request, key: ECPrivateKey,
                            progress: (ScannedTree) -> HashProgress? = { _ in nil }) throws -> OMSStatement {
        let location = request.location
        guard location.isDirectory else {
            throw ArtefactError.badInput("\(location.modelPath) is a file; --format oms signs a model directory, as model_signing does")
        }
        for path in request.ignorePaths {
            if let problem = ModelPath.problem(with: path) {
                throw ArtefactError.badInput("--ignore \(ModelPath.printable(path)): with --format oms an ignore is an exact path "
                    + "inside the model, and this one has \(problem)")
            }
        }
        var ignorePaths = (location.bundleRelativePath.map { [$0] } ?? []) + gitPaths
        for path in request.ignorePaths where !ignorePaths.contains(path) { ignorePaths.append(path) }
        let probe = OMSSerialization(method: request.shardSize == nil ? .files : .shards, shardSize: request.shardSize,
                                     allowSymlinks: true, ignorePaths: ignorePaths)
        let files: OMSModelFiles
        do { files = try OMSModelFiles.scan(location, serialization: probe) } catch let error as ArtefactError where error.kind == .rejected {
            throw ArtefactError.badInput("cannot sign \(location.modelPath): \(error.message)")
        }
        // Symlinks are followed (and recorded so) only when the model has some, so that a
        // model without any verifies with model_signing's default flags.
        let serialization = OMSSerialization(method: probe.method, shardSize: probe.shardSize,
                                             allowSymlinks: !files.tree.symlinks.isEmpty, ignorePaths: ignorePaths)
        let resources = try OMSResourceHasher.hash(files.entries, in: files.tree, serialization: serialization, jobs: request.jobs,
                                                   progress: progress).flatMap { $0 }
        guard !resources.isEmpty else {
            throw ArtefactError.badInput("\(location.modelPath) holds no file to sign (an OMS bundle must list at least one)")
        }
        let name = FileSystem.baseName(FileSystem.canonicalPath(location.modelPath) ?? location.modelPath)
        try ModelManifest.checkLabel(name, field: "name", failure: ArtefactError.badInput)
        let statement = OMSStatement(name: name, serialization: serialization, resources: resources)
        let unsigned = DSSEEnvelope(payloadType: DSSE.inTotoPayloadType, payload: statement.payload, signatures: [])
        let signature = DSSESignature(keyID: "", signature: try key.sign(unsigned.signedBytes))
        let bundle = OMSBundle(envelope: unsigned.appending(signature), publicKeyHint: SHA256Hasher.digest(key.publicKey.pem).hex)
        let bytes = bundle.fileBytes
        guard bytes.count <= SignatureBundle.maximumSize else {
            throw ArtefactError.badInput("the bundle would be \(bytes.count) bytes, more than the \(SignatureBundle.maximumSize)-byte "
                + "limit every verifier applies; use a larger --shard-size or sign fewer files")
        }
        try AtomicFile.write(bytes, to: location.bundlePath)
        return statement
    }
}
