/// Decides whether a model directory is what an OpenSSF Model Signing bundle says, under a
/// policy, with the same checks and report as `ModelVerifier` (see `Docs/FORMAT.md`,
/// "OpenSSF Model Signing bundles"). OMS signs no version, classification or signing
/// time, so the checks that need them fail closed: a rule must opt in to OMS (`formats`),
/// an environment with a clearance above `public` and a rule with `max_age_days` reject.
public enum OMSVerifier {
    public static func verify(_ request: VerificationRequest, bundleBytes: [UInt8],
                              progress: (ScannedTree) -> HashProgress? = { _ in nil }) throws -> VerificationReport {
        var run = VerificationRun(policy: request.policy, modelPath: request.location.modelPath, bundlePath: request.location.bundlePath)
        run.format = .oms
        guard let bundle = try run.attempt(.bundle, { try OMSBundle.decode(bundleBytes) }) else { return run.report() }
        run.pass(.bundle, "an OpenSSF Model Signing v1.0 bundle (Sigstore bundle v0.3) with 1 signature")
        guard let (statement, rule) = try checkClaims(of: bundle, policy: request.policy, run: &run) else { return run.report() }

        // 9. Every file (or shard) on disk is what the statement lists, and nothing else is there.
        guard let integrity = try run.attempt(.integrity, {
            let files = try OMSModelFiles.scan(request.location, serialization: statement.serialization)
            return try OMSIntegrity.check(files, against: statement, jobs: request.jobs, progress: progress)
        }) else { return run.report() }
        guard integrity.isClean else {
            run.fail(.integrity, "the model's files differ from the OMS bundle (\(integrity.summary))", detail: integrity.comparison)
            return run.report()
        }
        run.pass(.integrity, "\(integrity.matched) \(statement.serialization.method == .shards ? "shard" : "file")(s) match, "
            + "\(statement.serialization.method.rawValue) serialization under \(rule.label)")

        // 10. The subject digest is the one the resources imply (checked when the payload
        //     decoded); every resource now matches the disk, so it stands for the model.
        run.pass(.modelDigest, "\(statement.rootDigest.prefixed) (OMS subject digest over \(statement.resources.count) resource(s))")
        return run.report()
    }

    /// Steps 2 to 8, before any file is read. Returns the statement and its rule when every
    /// one passed.
    static func checkClaims(of bundle: OMSBundle, policy: TrustPolicy, run: inout VerificationRun) throws -> (OMSStatement, PolicyRule)? {
        // 2. The one signature verifies over the PAE with an EC key this policy trusts.
        let resolution = OMSSignerResolver.resolve(bundle, policy: policy)
        let signers = resolution.verified
        run.signers = signers
        guard run.checkSigners(resolution) else { return nil }

        // 3. The statement decodes strictly; its subject digest matches its resources.
        guard let statement = try run.attempt(.payload, { try OMSStatement.decode(payload: bundle.envelope.payload) }) else { return nil }
        run.omsStatement = statement
        run.pass(.payload, "\(statement.name), \(statement.resources.count) resource(s), \(statement.serialization.method.rawValue) "
            + "serialization (OMS signs no version)")

        // 4. The first rule whose glob matches the subject name applies, if it accepts OMS.
        guard let rule = policy.rule(forModel: statement.name) else {
            run.fail(.rule, "no rule of policy \"\(policy.environment)\" matches model \"\(statement.name)\"")
            return nil
        }
        guard rule.formats.contains(.oms) else {
            run.fail(.rule, "\(rule.label) does not accept OMS bundles; add \"formats\": [\"artefact\", \"oms\"] to it to opt in")
            return nil
        }
        run.pass(.rule, "\(rule.label) applies and accepts OMS bundles")

        // 5. Enough distinct signers of that rule signed.
        let counted = signers.filter { !Set($0.policySigners).isDisjoint(with: rule.signers) }
        guard counted.count >= rule.threshold else {
            run.fail(.threshold, "\(rule.label) needs \(rule.threshold) distinct signer(s) among \(rule.signers.joined(separator: ", ")); "
                + "\(counted.count) signed (an OMS bundle carries one signature)")
            return nil
        }
        run.pass(.threshold, "\(counted.count) of \(rule.threshold) required signer(s) under \(rule.label)")

        // 6. OMS signs no classification: only an environment that holds nothing above
        //    public (or the ad-hoc policy of --key) can take an unlabelled model.
        if let clearance = policy.clearance, clearance > .public {
            run.fail(.classification, "OMS bundles carry no classification, and environment \"\(policy.environment)\" has clearance "
                + "\(clearance.rawValue), above public; sign the model with artefact to state its classification")
            return nil
        }
        run.pass(.classification, "OMS bundles carry no classification; clearance \(policy.clearance?.rawValue ?? "(no limit)") needs none")

        // 7. No expiry is signed.
        run.pass(.expiry, "no expiry set (OMS signs none)")

        // 8. No signing time is signed, so a rule that limits age cannot be met.
        if let days = rule.maxAgeDays {
            run.fail(.age, "OMS bundles carry no signing time, so \(rule.label)'s max_age_days (\(days)) cannot be checked; "
                + "sign the model with artefact, or use a rule without max_age_days")
            return nil
        }
        run.pass(.age, "OMS bundles carry no signing time; \(rule.label) sets no max_age_days")
        return (statement, rule)
    }
}
