/// Signs a model: hash the tree, build the manifest and Statement, sign the DSSE
/// pre-authentication encoding, and write the bundle atomically.
public enum ModelSigner {
    /// Signs per `request` with `key` and writes the bundle. Returns what was signed.
    @discardableResult
    public static func sign(_ request: SigningRequest, key: SigningKey, progress: (ScannedTree) -> HashProgress? = { _ in nil }) throws -> SignedModel {
        let ignore = try IgnoreRules(patterns: request.effectiveIgnorePatterns)
        let hasher = ModelHasher(ignore: ignore, hashing: request.hashing, jobs: request.jobs)
        let tree: ScannedTree
        do { tree = try hasher.scan(request.location.modelPath) } catch let problem as TreeProblem {
            throw ArtefactError.badInput("cannot sign \(request.location.modelPath): \(problem.description)")
        }
        let contents = try hasher.hash(tree, progress: progress(tree))
        let manifest = try ModelManifest(
            name: request.effectiveName, version: request.version, classification: request.classification,
            createdAt: request.createdAt, expiresAt: request.expiresAt, hashing: request.hashing,
            ignore: ignore.patterns, contents: contents)
        let payload = ModelStatement.payload(for: manifest)
        let unsigned = DSSEEnvelope(payloadType: DSSE.inTotoPayloadType, payload: payload, signatures: [])
        let signature = DSSESignature(keyID: key.publicKey.keyID, signature: try key.sign(unsigned.signedBytes))
        let bundle = SignatureBundle(envelope: unsigned.appending(signature), publicKeyHint: key.publicKey.keyID)
        try AtomicFile.write(bundle.fileBytes, to: request.location.bundlePath)
        return SignedModel(manifest: manifest, bundle: bundle, bundlePath: request.location.bundlePath)
    }
}

/// The result of signing: the manifest that was signed and the bundle that holds it.
public struct SignedModel: Sendable {
    public let manifest: ModelManifest
    public let bundle: SignatureBundle
    public let bundlePath: String
}
