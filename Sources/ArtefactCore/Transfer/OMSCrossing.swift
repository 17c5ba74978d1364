/// A crossing of a model directory signed with an OpenSSF Model Signing bundle into a
/// store (see `Docs/STORE.md`, "OpenSSF Model Signing models"). OMS signs the files but no
/// version, classification or time, so the store's policy must accept OMS under the
/// model's rule (`OMSVerifier.checkClaims`: opt-in, clearance, age), the operator gives the
/// version with `--version`, and the crossing log records it as asserted by the operator.
/// The model enters under a manifest artefact builds from the signed resources (files
/// serialization: each resource's digest is the whole file's, as a store's blobs are) and
/// the sizes on disk; every byte is then hashed as it is copied and compared with those
/// signed digests, as for any crossing.
struct OMSSource {
    let location: ModelLocation
    let bytes: [UInt8]
}

extension Crossing {
    /// The source's OMS bundle, when the source is a directory whose bundle claims OMS.
    func omsSourceBundle() throws -> OMSSource? {
        guard let directory = source as? DirectorySource,
              let bytes = try? SignatureBundle.readBytes(path: directory.location.bundlePath),
              OMSBundle.claimsOMS(bytes) else { return nil }
        return OMSSource(location: directory.location, bytes: bytes)
    }

    mutating func performOMS(_ oms: OMSSource) throws -> TransferOutcome {
        guard destination.store != nil else {
            throw TransferRejection(check: .bundle, reason: "\(oms.location.bundlePath) is an OpenSSF Model Signing bundle; such a "
                + "model crosses only into a store (registries, buckets and exports take artefact bundles)")
        }
        var run = VerificationRun(policy: policy, modelPath: source.description, bundlePath: oms.location.bundlePath)
        run.format = .oms
        let bundle: OMSBundle
        do { bundle = try OMSBundle.decode(oms.bytes) } catch let error as ArtefactError where error.kind == .rejected {
            throw TransferRejection(check: .bundle, reason: error.message)
        }
        run.pass(.bundle, "an OpenSSF Model Signing v1.0 bundle (Sigstore bundle v0.3) with 1 signature")
        let claims = try OMSVerifier.checkClaims(of: bundle, policy: policy, run: &run)
        signers = run.signers.map(\.keyID)
        let report = run.report(excluding: [.integrity, .modelDigest])
        guard let (statement, _) = claims else {
            let failure = report.firstFailure
            throw TransferRejection(check: failure?.name ?? .verification, reason: failure?.reason ?? "rejected", report: report)
        }
        guard let version = request.assertedVersion else {
            throw TransferRejection(check: .version, reason: "an OpenSSF Model Signing bundle signs no version; give the version "
                + "the store records with --version V (the crossing log marks it as asserted by the operator)", report: report)
        }
        let manifest = try manifest(for: statement, location: oms.location, version: version, report: report)
        self.manifest = manifest
        versionAssertedByOperator = true
        return try deliver(manifest, bundleBytes: oms.bytes, report: report)
    }

    /// The manifest the store keeps: the subject name, the operator's version, the signed
    /// digests, the sizes on disk. Files serialization only, and no symlinks, so every
    /// resource is one whole regular file.
    private func manifest(for statement: OMSStatement, location: ModelLocation, version: String,
                          report: VerificationReport) throws -> ModelManifest {
        func reject(_ check: CheckName, _ reason: String) -> TransferRejection { TransferRejection(check: check, reason: reason, report: report) }
        guard statement.serialization.method == .files else {
            throw reject(.integrity, "the OMS bundle uses shards serialization; a store takes OMS models in files serialization only")
        }
        let files: OMSModelFiles
        do { files = try OMSModelFiles.scan(location, serialization: statement.serialization) } catch let error as ArtefactError
            where error.kind == .rejected {
            throw reject(.integrity, error.message)
        }
        if let link = files.tree.symlinks.first {
            throw reject(.integrity, "\(link.path) is a symlink; a store takes OMS models without symlinks")
        }
        let listed = Dictionary(statement.resources.map { ($0.key.path, $0.digest) }, uniquingKeysWith: { first, _ in first })
        let onDisk = Set(files.entries.map(\.name))
        let missing = listed.keys.filter { !onDisk.contains($0) }.sorted(by: ModelPath.precedes)
        let extra = files.entries.map(\.name).filter { listed[$0] == nil }.sorted(by: ModelPath.precedes)
        guard missing.isEmpty, extra.isEmpty else {
            throw reject(.integrity, "the model's files differ from the OMS bundle ("
                + IntegrityComparison.describe(mismatched: [], missing: missing, extra: extra) + ")")
        }
        let contents = ModelContents(files: files.entries.map { ModelFile(path: $0.name, size: $0.file.size, digest: .whole(listed[$0.name]!)) },
                                     symlinks: [])
        let ignore = statement.serialization.ignorePaths.map { "/" + ModelLocation.escapedForPattern($0) }
            + (location.bundleExclusion.map { [$0] } ?? [])
        do {
            return try ModelManifest(name: statement.name, version: version, classification: .public, createdAt: request.now,
                                     expiresAt: nil, hashing: .files, ignore: ignore, contents: contents)
        } catch let error as ArtefactError where error.kind == .badInput {
            throw reject(.version, error.message)
        }
    }
}
