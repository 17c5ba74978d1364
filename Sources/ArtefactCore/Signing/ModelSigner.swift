/// Signs a model: hash the tree, build the manifest and Statement, sign the DSSE
/// pre-authentication encoding, and write the bundle atomically.
public enum ModelSigner {
    /// Signs per `request` with `key` and writes the bundle. Returns what was signed.
    @discardableResult
    public static func sign(_ request: SigningRequest, key: SigningKey, certificates: SignerCertificates? = nil,
                            progress: (ScannedTree) -> HashProgress? = { _ in nil }) throws -> SignedModel {
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
        let bundle = SignatureBundle(envelope: unsigned, publicKeyHint: key.publicKey.keyID).appending(signature, certificates: certificates)
        try AtomicFile.write(try withinSizeLimit(bundle.fileBytes), to: request.location.bundlePath)
        return SignedModel(manifest: manifest, bundle: bundle, bundlePath: request.location.bundlePath)
    }

    /// A bundle no verifier would read is never written.
    private static func withinSizeLimit(_ bytes: [UInt8]) throws -> [UInt8] {
        guard bytes.count <= SignatureBundle.maximumSize else {
            throw ArtefactError.badInput("the bundle would be \(bytes.count) bytes, more than the \(SignatureBundle.maximumSize)-byte limit every verifier applies; sign fewer files (ignore what need not be signed) or shorter paths")
        }
        return bytes
    }

    /// Adds `key`'s signature to an existing bundle without changing its payload. The
    /// payload is checked against the model on disk first, so a co-signer never vouches
    /// for bytes that are not there.
    @discardableResult
    public static func append(to location: ModelLocation, key: SigningKey, certificates: SignerCertificates? = nil, jobs: Int,
                              progress: (ScannedTree) -> HashProgress? = { _ in nil }) throws -> SignedModel {
        guard FileSystem.exists(location.bundlePath) else {
            throw ArtefactError.badInput("--append needs an existing bundle at \(location.bundlePath); sign without --append first")
        }
        let bundle: SignatureBundle
        let manifest: ModelManifest
        do {
            bundle = try SignatureBundle.read(path: location.bundlePath)
            manifest = try ModelStatement.decode(payload: bundle.envelope.payload)
        } catch let error as ArtefactError where error.kind == .rejected {
            throw ArtefactError.badInput("cannot co-sign: \(error.message)")
        }
        let message = bundle.envelope.signedBytes
        if bundle.envelope.signatures.contains(where: { Ed25519.isValidSignature($0.signature, of: message, publicKey: key.publicKey.rawBytes) }) {
            throw ArtefactError.badInput("\(location.bundlePath) is already signed by key \(key.publicKey.keyID)")
        }
        let onDisk = try ModelHasher.hashAsSigned(location.modelPath, manifest: manifest, jobs: jobs, progress: progress)
        let comparison = IntegrityComparison(expected: manifest.contents, actual: onDisk)
        guard comparison.isClean else {
            throw ArtefactError.rejected("the model no longer matches the signed payload (\(comparison.summary)); refusing to co-sign")
        }
        let signature = DSSESignature(keyID: key.publicKey.keyID, signature: try key.sign(message))
        let extended = bundle.appending(signature, certificates: certificates)
        try AtomicFile.write(try withinSizeLimit(extended.fileBytes), to: location.bundlePath)
        return SignedModel(manifest: manifest, bundle: extended, bundlePath: location.bundlePath)
    }
}
