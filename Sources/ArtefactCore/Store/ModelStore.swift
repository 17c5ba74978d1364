/// A local model store: an OCI image layout directory with artefact's policy, state and
/// crossing log beside it (see `Docs/STORE.md`). Blobs are content-addressed, so a file
/// shared by two model versions is stored once.
public final class ModelStore: Sendable {
    public let layout: StoreLayout
    public let configuration: StoreConfiguration

    init(layout: StoreLayout, configuration: StoreConfiguration) {
        self.layout = layout
        self.configuration = configuration
    }

    /// Opens an existing store. Its root is opened once; everything inside is reached from
    /// that descriptor without following symlinks, and a store whose own files or
    /// directories include a symlink is refused before any work (exit 2).
    public static func open(_ path: String) throws -> ModelStore {
        let store = try openForInspection(path)
        if let link = try store.layout.symlinkAmongOwnEntries() {
            throw ArtefactError.badInput("store \(store.layout.root): \(link) is a symlink; a store never follows a symlink inside itself. Run 'artefact store verify \(store.layout.root)' and replace the link with what it points to")
        }
        return store
    }

    /// Opens an existing store without refusing symlinks among its own files, for
    /// `store verify`, which reports them. Nothing read through it follows one either.
    public static func openForInspection(_ path: String) throws -> ModelStore {
        guard StoreLayout.isStore(path) else {
            throw ArtefactError.badInput("\(path) is not an artefact store; create one with 'artefact store init'")
        }
        let layout = try StoreLayout(opening: path)
        let configuration = try StoreConfiguration.read(layout)
        try configuration.requireOutside(storeRoot: layout.root)
        return ModelStore(layout: layout, configuration: configuration)
    }

    /// Creates a store in `path`, which must be absent or an empty directory. The policy
    /// must parse and be for `environment`.
    static func initialize(at path: String, environment: String, policyPath: String,
                                  auditKey: (path: String, key: SigningKey)?, tls: StoredTLSFiles? = nil) throws -> ModelStore {
        if FileSystem.exists(path) {
            guard FileSystem.isDirectory(path) else { throw ArtefactError.badInput("\(path) exists and is not a directory") }
            guard try FileSystem.isEmptyDirectory(path) else {
                throw ArtefactError.badInput("\(path) is not empty; a store must be created in a new or empty directory")
            }
        } else {
            try ParentDirectory.require(for: path, action: "create the store")
        }
        let policy = try TrustPolicyParser.read(path: policyPath)
        guard policy.environment == environment else {
            throw ArtefactError.badInput("policy \(policyPath) is for environment \"\(policy.environment)\", not \"\(environment)\"")
        }
        guard let absolutePolicy = FileSystem.canonicalPath(policyPath) else { throw ArtefactError.badInput("cannot resolve \(policyPath)") }
        let absoluteKey = try auditKey.map { key -> String in
            guard let resolved = FileSystem.canonicalPath(key.path) else { throw ArtefactError.badInput("cannot resolve \(key.path)") }
            return resolved
        }
        try requireAnchoredKey(of: policy, matches: auditKey)
        func absolute(_ path: String?) throws -> String? {
            try path.map { file in
                guard let resolved = FileSystem.canonicalPath(file) else { throw ArtefactError.badInput("\(file) does not exist") }
                return resolved
            }
        }
        let storedTLS = try tls.map {
            StoredTLSFiles(caFile: try absolute($0.caFile), certificateFile: try absolute($0.certificateFile), keyFile: try absolute($0.keyFile))
        }
        let configuration = StoreConfiguration(environment: environment, policyPath: absolutePolicy, auditKeyPath: absoluteKey,
                                               tls: storedTLS)
        // Before anything is created: nothing the store trusts may lie inside it.
        try configuration.requireOutside(storeRoot: path)
        for file in policy.referencedFiles { try StoreLayout.requireOutside(file, "a file policy \(policyPath) names", storeRoot: path) }
        try FileSystem.makeDirectory(path)
        let layout = try StoreLayout(opening: path)
        do {
            for directory in [StoreLayout.Relative.blobs, StoreLayout.Relative.staging] {
                _ = try layout.directory.makeDirectories(directory)
            }
        } catch {
            throw error.asArtefactError
        }
        try layout.write(StoreLayout.Relative.ociLayout, JSONWriter.pretty(jsonObject([("imageLayoutVersion", .string("1.0.0"))])))
        try StoreIndex().write(layout)
        // A copy for readers of `audit export` (openssl, a SIEM); artefact never trusts it.
        if let auditKey { try layout.write(StoreLayout.Relative.auditPublicKey, auditKey.key.publicKey.pem) }
        // store.json last: until it exists, the directory is not a store.
        try layout.write(StoreLayout.Relative.configuration, JSONWriter.pretty(configuration.json))
        return ModelStore(layout: layout, configuration: configuration)
    }

    // MARK: Policy (the crossing log's keys are in ModelStore+AuditKeys.swift)

    /// The policy that decides what enters this store. Every file it trusts must lie
    /// outside the store.
    public func policy() throws -> TrustPolicy {
        let policy = try TrustPolicyParser.read(path: configuration.policyPath)
        for file in policy.referencedFiles { try layout.requireOutside(file, "a file policy \(configuration.policyPath) names") }
        return policy
    }

    /// A description of this store as one end of a crossing.
    public var endpoint: AuditEndpoint {
        AuditEndpoint(location: FileSystem.canonicalPath(layout.root) ?? layout.root, environment: configuration.environment)
    }

    // MARK: Index and state

    public func index() throws -> StoreIndex { try StoreIndex.read(layout) }
    public func state() throws -> StoreState { try StoreState.read(layout) }

    /// The model `name` at `version`, or its highest version when `version` is nil.
    public func find(name: String, version: String?) throws -> StoredModel {
        let candidates = try index().models.filter { $0.name == name }
        if let version {
            guard let model = candidates.first(where: { ModelVersion.same($0.version, version) }) else {
                throw ArtefactError.badInput("store \(layout.root) has no \(name)@\(version)")
            }
            return model
        }
        guard let newest = candidates.max(by: { (ModelVersion($0.version ?? "") ?? ModelVersion("0")!) < (ModelVersion($1.version ?? "") ?? ModelVersion("0")!) }) else {
            throw ArtefactError.badInput("store \(layout.root) has no model named \(name)")
        }
        return newest
    }

    /// The signature bundle of a stored model, checked against its digest.
    public func bundleBytes(of model: StoredModel) throws -> [UInt8] {
        guard let bundleManifest = model.bundleManifest else {
            throw ArtefactError.rejected("\(model.label) in \(layout.root) has no signature")
        }
        let manifestBytes = try readBlob(bundleManifest)
        let layer = try ModelImage.bundleLayer(ofBundleManifest: manifestBytes, source: "\(model.label) signature manifest")
        return try readBlob(layer)
    }

    /// The file layers of a stored model, checked against its manifest digest.
    public func layers(of model: StoredModel) throws -> [OCIDescriptor] {
        try ModelImage.layers(ofImageManifest: readBlob(model.manifest), source: "\(model.label) manifest")
    }

    // MARK: Blobs

    /// Whether blob `digest` is in the store. Anything but a regular file in its place (a
    /// planted symlink) is refused rather than taken for the blob.
    public func hasBlob(_ digest: SHA256Digest) throws -> Bool {
        let found: (isRegular: Bool, kind: String)?
        do {
            found = try layout.directory.statusIfPresent(StoreLayout.Relative.blob(digest)).map { ($0.isRegularFile, $0.kindName) }
        } catch {
            throw error.asArtefactError
        }
        guard let found else { return false }
        guard found.isRegular else {
            throw ArtefactError.badInput("store \(layout.root): \(StoreLayout.Relative.blob(digest)) is a \(found.kind), not a regular file; run 'artefact store verify \(layout.root)'")
        }
        return true
    }

    /// Reads a small blob and checks that it hashes to its descriptor's digest.
    public func readBlob(_ descriptor: OCIDescriptor) throws -> [UInt8] {
        guard try hasBlob(descriptor.digest) else {
            throw ArtefactError.rejected("store \(layout.root) is missing blob \(descriptor.digest.prefixed)")
        }
        let bytes = try layout.read(StoreLayout.Relative.blob(descriptor.digest), limit: 256 << 20)
        guard SHA256Hasher.digest(bytes) == descriptor.digest else {
            throw ArtefactError.rejected("blob \(descriptor.digest.prefixed) in \(layout.root) is corrupt")
        }
        return bytes
    }

    /// Stores small bytes as a blob, unless that blob is already there.
    public func writeBlob(_ bytes: [UInt8]) throws {
        let digest = SHA256Hasher.digest(bytes)
        guard try !hasBlob(digest) else { return }
        try layout.write(StoreLayout.Relative.blob(digest), bytes)
    }

    /// Moves a fully written, synced and verified staging file (a path relative to the
    /// store) into place as blob `digest`, never replacing what is there.
    public func install(staged relative: String, as digest: SHA256Digest) throws {
        do {
            if try hasBlob(digest) {
                try layout.directory.removeFile(relative)
                return
            }
            try layout.directory.renameWithoutReplacing(relative, to: StoreLayout.Relative.blob(digest))
        } catch let error as SystemCallError where error.isAlreadyExisting {
            // Another writer installed the same content first.
            try? layout.directory.removeFile(relative)
        } catch let error as SystemCallError {
            throw error.asArtefactError
        }
    }

    // MARK: Publishing

    /// Publishes a model whose file blobs are all in place: writes the small blobs, then
    /// rewrites the index in one atomic step (the moment the model appears), then records
    /// the version for rollback protection.
    public func publish(_ image: ModelImage, version: ModelVersion) throws {
        try publish(image, version: version, onto: index(), state: state())
    }

    /// `publish` onto the index and state the caller read under the store lock it holds.
    func publish(_ image: ModelImage, version: ModelVersion, onto index: StoreIndex, state: StoreState) throws {
        for blob in image.metadataBlobs { try writeBlob(blob) }
        for layer in image.layers where try !hasBlob(layer.digest) {
            throw ArtefactError.operational("blob \(layer.digest.prefixed) for \(layer.annotations[OCIMediaType.titleAnnotation] ?? "") is missing; nothing was published")
        }
        do { try layout.directory.openDirectory(StoreLayout.Relative.blobs).sync() } catch { throw error.asArtefactError }
        var index = index
        index.add(image)
        try index.write(layout)
        var state = state
        state.record(name: image.manifest.name, version: version, modelDigest: image.manifest.modelDigest.prefixed)
        try state.write(layout)
    }
}
