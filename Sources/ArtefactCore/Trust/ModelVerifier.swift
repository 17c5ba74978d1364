/// Decides whether a model is what its signature says and whether this environment's
/// policy accepts it, in the order of `Docs/FORMAT.md`, "Verifying". Each step runs only
/// if every step before it passed: nothing unsigned is trusted, and any doubt rejects.
public enum ModelVerifier {
    /// Signatures dated further in the future than this are refused.
    public static let allowedClockSkew: Int64 = 300

    public static func verify(_ request: VerificationRequest, progress: (ScannedTree) -> HashProgress? = { _ in nil }) throws -> VerificationReport {
        var run = VerificationRun(policy: request.policy, modelPath: request.location.modelPath, bundlePath: request.location.bundlePath)

        // 1. The bundle parses strictly and carries an in-toto DSSE envelope; an OpenSSF
        //    Model Signing bundle goes to its own verifier, which makes the same checks.
        let bundlePath = request.location.bundlePath
        guard let bytes = try run.attempt(.bundle, { try SignatureBundle.readBytes(path: bundlePath) }) else { return run.report() }
        if OMSBundle.claimsOMS(bytes) { return try OMSVerifier.verify(request, bundleBytes: bytes, progress: progress) }
        guard let bundle = try run.attempt(.bundle, { try SignatureBundle.decode(bytes, source: bundlePath) }) else {
            return run.report()
        }
        run.pass(.bundle, "a Sigstore bundle v0.3 with \(bundle.envelope.signatures.count) signature(s)")

        // 2-8. The signatures, the payload and the policy.
        guard let manifest = try checkClaims(of: bundle, policy: request.policy, now: request.now, run: &run) else {
            return run.report()
        }

        // 9. Every file on disk is what the manifest says, and nothing else is there.
        guard let actual = try run.attempt(.integrity, { try ModelHasher.hashAsSigned(request.location.modelPath, manifest: manifest, jobs: request.jobs, progress: progress) }) else {
            return run.report()
        }
        let comparison = IntegrityComparison(expected: manifest.contents, actual: actual)
        guard comparison.isClean else {
            run.fail(.integrity, "the model's files differ from the signed manifest (\(comparison.summary))", detail:
                .fileDifferences(mismatched: comparison.mismatched, missing: comparison.missing, extra: comparison.extra))
            return run.report()
        }
        run.pass(.integrity, "\(actual.files.count) file(s) and \(actual.symlinks.count) symlink(s) match")

        // 10. The model digest recomputed from disk is the signed one.
        let digest = ModelDigest.compute(actual, parameters: manifest.hashing)
        guard digest == manifest.modelDigest else {
            run.fail(.modelDigest, "the model digest \(digest) is not the signed \(manifest.modelDigest)")
            return run.report()
        }
        run.pass(.modelDigest, digest.prefixed)
        return run.report()
    }

    /// Verifies everything a bundle claims, before any file is read: steps 1-8 for a
    /// bundle already in memory, as a transfer has it. The report leaves out the file
    /// checks, which the transfer makes while it copies.
    public static func verifyClaims(of bundle: SignatureBundle, policy: TrustPolicy, now: Timestamp,
                                    modelPath: String, bundlePath: String) throws -> VerificationReport {
        var run = VerificationRun(policy: policy, modelPath: modelPath, bundlePath: bundlePath)
        run.pass(.bundle, "a Sigstore bundle v0.3 with \(bundle.envelope.signatures.count) signature(s)")
        _ = try checkClaims(of: bundle, policy: policy, now: now, run: &run)
        return run.report(excluding: [.integrity, .modelDigest])
    }

    /// Steps 2 to 8. Returns the manifest when every one passed.
    static func checkClaims(of bundle: SignatureBundle, policy: TrustPolicy, now: Timestamp,
                                    run: inout VerificationRun) throws -> ModelManifest? {
        // 2. Signatures over the PAE, by keys and certificates this policy trusts; every
        //    presented certificate that chains to a policy root must be valid, unrevoked,
        //    for code signing, and of the expected identity.
        let signers = SignerResolver.resolve(bundle, policy: policy, at: now)
        run.signers = signers.verified
        guard run.checkSigners(signers) else { return nil }

        // 3. The signed payload decodes strictly; its subject digest matches its file list.
        guard let manifest = try run.attempt(.payload, { try ModelStatement.decode(payload: bundle.envelope.payload) }) else {
            return nil
        }
        run.manifest = manifest
        run.pass(.payload, "\(manifest.name)\(manifest.version.map { "@" + $0 } ?? ""), \(manifest.contents.files.count) file(s)")

        // 4. The first rule whose glob matches the signed name applies; none rejects.
        guard let rule = policy.rule(forModel: manifest.name) else {
            run.fail(.rule, "no rule of policy \"\(policy.environment)\" matches model \"\(manifest.name)\"")
            return nil
        }
        guard rule.formats.contains(.artefact) else {
            run.fail(.rule, "\(rule.label) accepts OMS bundles only (its formats do not include \"artefact\")")
            return nil
        }
        run.pass(.rule, "\(rule.label) applies")

        // 5. Enough distinct signers of that rule signed.
        let counted = signers.verified.filter { !Set($0.policySigners).isDisjoint(with: rule.signers) }
        guard counted.count >= rule.threshold else {
            run.fail(.threshold, "\(rule.label) needs \(rule.threshold) distinct signer(s) among \(rule.signers.joined(separator: ", ")); "
                + "\(counted.count) signed")
            return nil
        }
        run.pass(.threshold, "\(counted.count) of \(rule.threshold) required signer(s) under \(rule.label)")

        // 6. The signed classification is within this environment's clearance.
        if let clearance = policy.clearance, manifest.classification > clearance {
            run.fail(.classification, "the model is \(manifest.classification.rawValue), above the clearance "
                + "\(clearance.rawValue) of environment \"\(policy.environment)\"")
            return nil
        }
        run.pass(.classification, "\(manifest.classification.rawValue) within clearance \(policy.clearance?.rawValue ?? "(no limit)")")

        // 7. The signature has not expired (a freeze attack replays an expired one).
        if let expiresAt = manifest.expiresAt, expiresAt <= now {
            run.fail(.expiry, "the signature expired at \(expiresAt)")
            return nil
        }
        run.pass(.expiry, manifest.expiresAt.map { "valid until \($0)" } ?? "no expiry set")

        // 8. The signature is not older than the rule allows, nor dated in the future.
        if manifest.createdAt.secondsSinceEpoch > now.secondsSinceEpoch + allowedClockSkew {
            run.fail(.age, "the signature is dated \(manifest.createdAt), in the future")
            return nil
        }
        if let days = rule.maxAgeDays, now.secondsSinceEpoch - manifest.createdAt.secondsSinceEpoch > Int64(days) * 86_400 {
            run.fail(.age, "\(rule.label) accepts signatures up to \(days) day(s) old; this one was made at \(manifest.createdAt)")
            return nil
        }
        run.pass(.age, "signed at \(manifest.createdAt)" + (rule.maxAgeDays.map { ", within \($0) day(s)" } ?? ""))
        return manifest
    }
}
