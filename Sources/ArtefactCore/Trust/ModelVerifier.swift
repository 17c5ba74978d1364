/// What `verify` is asked: which model, which bundle, which keys, as of when.
public struct VerificationRequest: Sendable {
    public var location: ModelLocation
    public var keys: [PublicKey]
    public var now: Timestamp
    public var jobs: Int

    public init(location: ModelLocation, keys: [PublicKey], now: Timestamp = .now, jobs: Int = onlineProcessorCount) {
        self.location = location
        self.keys = keys
        self.now = now
        self.jobs = jobs
    }
}

/// Decides whether a model is what its signature says, in the order of `Docs/FORMAT.md`,
/// "Verifying": bundle, signature, payload, expiry, files, model digest. Each step runs
/// only if the steps before it passed, because nothing unsigned may be trusted.
public enum ModelVerifier {
    public static func verify(_ request: VerificationRequest, progress: (ScannedTree) -> HashProgress? = { _ in nil }) throws -> VerificationReport {
        var run = VerificationRun(request: request)

        // 1. The bundle parses strictly and carries an in-toto DSSE envelope.
        guard let bundle = try run.attempt("bundle", { try SignatureBundle.read(path: request.location.bundlePath) }) else {
            return run.report()
        }
        run.pass("bundle", "a Sigstore bundle v0.3 with \(bundle.envelope.signatures.count) signature(s)")

        // 2. At least one signature over the PAE verifies with a given key.
        let signers = SignatureCheck.verifiedSigners(of: bundle.envelope, keys: request.keys)
        guard !signers.isEmpty else {
            run.fail("signature", "no signature in the bundle verifies with the given key(s) "
                + request.keys.map(\.keyID).joined(separator: ", "),
                detail: [("bundleKeyIDs", .array(bundle.envelope.signatures.map { .string($0.keyID) }))])
            return run.report()
        }
        run.signerKeyIDs = signers.map(\.keyID)
        run.pass("signature", "signed by key \(run.signerKeyIDs.joined(separator: ", "))",
                 detail: [("keyIDs", .array(run.signerKeyIDs.map(JSONValue.string)))])

        // 3. The signed payload decodes strictly and its subject digest matches its file list.
        guard let manifest = try run.attempt("payload", { try ModelStatement.decode(payload: bundle.envelope.payload) }) else {
            return run.report()
        }
        run.manifest = manifest
        run.pass("payload", "\(manifest.name)\(manifest.version.map { "@" + $0 } ?? ""), \(manifest.contents.files.count) file(s)")

        // 4. The signature has not expired.
        if let expiresAt = manifest.expiresAt, expiresAt <= request.now {
            run.fail("expiry", "the signature expired at \(expiresAt)")
            return run.report()
        }
        run.pass("expiry", manifest.expiresAt.map { "valid until \($0)" } ?? "no expiry set")

        // 5. Every file on disk is what the manifest says, and nothing else is there.
        guard let actual = try run.attempt("integrity", { try hashOnDisk(request, manifest: manifest, progress: progress) }) else {
            return run.report()
        }
        let comparison = IntegrityComparison(expected: manifest.contents, actual: actual)
        guard comparison.isClean else {
            run.fail("integrity", "the model's files differ from the signed manifest (\(comparison.summary))", detail: [
                ("mismatched", .array(comparison.mismatched.map(JSONValue.string))),
                ("missing", .array(comparison.missing.map(JSONValue.string))),
                ("extra", .array(comparison.extra.map(JSONValue.string))),
            ])
            return run.report()
        }
        run.pass("integrity", "\(actual.files.count) file(s) and \(actual.symlinks.count) symlink(s) match")

        // 6. The model digest recomputed from disk is the signed one.
        let digest = ModelDigest.compute(actual, parameters: manifest.hashing)
        guard digest == manifest.modelDigest else {
            run.fail("model-digest", "the model digest \(digest) is not the signed \(manifest.modelDigest)")
            return run.report()
        }
        run.pass("model-digest", "sha256:\(digest.hex)")
        return run.report()
    }

    /// Hashes what is on disk under the signed ignore list and hashing parameters. Files
    /// whose size already differs from the manifest are not read: they are mismatched.
    private static func hashOnDisk(_ request: VerificationRequest, manifest: ModelManifest,
                                   progress: (ScannedTree) -> HashProgress?) throws -> ModelContents {
        let hasher = ModelHasher(ignore: try IgnoreRules(patterns: manifest.ignore), hashing: manifest.hashing, jobs: request.jobs)
        let tree: ScannedTree
        do { tree = try hasher.scan(request.location.modelPath) } catch let problem as TreeProblem {
            throw ArtefactError.rejected(problem.description)
        }
        let expectedSizes = Dictionary(manifest.contents.files.map { ($0.path, $0.size) }, uniquingKeysWith: { first, _ in first })
        let worthHashing = tree.files.filter { expectedSizes[$0.path] == $0.size }
        let sizeOnly = tree.files.filter { expectedSizes[$0.path] != $0.size }
        let subset = ScannedTree(root: tree.root, files: worthHashing, symlinks: tree.symlinks)
        let hashed = try hasher.hash(subset, progress: progress(subset))
        // A file of the wrong size stands in with an impossible digest, so it compares unequal.
        let unreadable = sizeOnly.map { ModelFile(path: $0.path, size: $0.size, digest: .shards([])) }
        return ModelContents(files: hashed.files + unreadable, symlinks: hashed.symlinks)
    }
}

/// Which of an envelope's signatures verify with which of the given keys.
public enum SignatureCheck {
    /// The distinct keys that made at least one valid signature over the envelope's PAE.
    public static func verifiedSigners(of envelope: DSSEEnvelope, keys: [PublicKey]) -> [PublicKey] {
        let message = envelope.signedBytes
        var signers: [PublicKey] = []
        for key in keys where !signers.contains(key) {
            if envelope.signatures.contains(where: { Ed25519.isValidSignature($0.signature, of: message, publicKey: key.rawBytes) }) {
                signers.append(key)
            }
        }
        return signers
    }
}

/// The checks gathered so far in one verification.
struct VerificationRun {
    let request: VerificationRequest
    var checks: [VerificationCheck] = []
    var manifest: ModelManifest?
    var signerKeyIDs: [String] = []

    init(request: VerificationRequest) { self.request = request }

    mutating func pass(_ name: String, _ reason: String, detail: [(String, JSONValue)] = []) {
        checks.append(VerificationCheck(name: name, outcome: .pass, reason: reason, detail: detail))
    }

    mutating func fail(_ name: String, _ reason: String, detail: [(String, JSONValue)] = []) {
        checks.append(VerificationCheck(name: name, outcome: .fail, reason: reason, detail: detail))
    }

    /// Runs `body`; a rejection becomes a failed check named `name`, anything else is thrown.
    mutating func attempt<Value>(_ name: String, _ body: () throws -> Value) throws -> Value? {
        do {
            return try body()
        } catch let error as ArtefactError where error.kind == .rejected {
            fail(name, error.message)
            return nil
        }
    }

    /// Every check, in order, that a verification runs.
    static let allCheckNames = ["bundle", "signature", "payload", "expiry", "integrity", "model-digest"]

    /// The report, listing the checks that did not run after a failure as skipped.
    func report() -> VerificationReport {
        let ran = Set(checks.map(\.name))
        let skipped = Self.allCheckNames.filter { !ran.contains($0) }.map {
            VerificationCheck(name: $0, outcome: .skipped, reason: "not run: an earlier check failed")
        }
        return VerificationReport(modelPath: request.location.modelPath, bundlePath: request.location.bundlePath,
                                  checks: checks + skipped, manifest: manifest, signerKeyIDs: signerKeyIDs)
    }
}
