/// Verifies a model where it lies, through any `ModelSource`, writing nothing: what
/// `verify s3://BUCKET/PREFIX` runs. The same checks, in the same order and report, as a
/// directory verify: the bundle; everything it claims (`ModelVerifier.verifyClaims`'s
/// steps); integrity (the source holds exactly the signed files and symlinks, and every
/// file's bytes, read and hashed on `jobs` threads as they stream, match their signed
/// digests); and the model digest of what matched.
public enum SourceVerifier {
    public static func verify(_ source: TransferSource, policy: TrustPolicy, now: Timestamp, jobs: Int,
                              progress: HashProgress? = nil) throws -> VerificationReport {
        let source = source.endpoint
        // 1. The bundle.
        let bundle: SourceBundle
        do { bundle = try source.loadBundle() } catch let rejection as TransferRejection where rejection.check == .bundle {
            var run = VerificationRun(policy: policy, modelPath: source.description, bundlePath: source.description)
            run.fail(.bundle, rejection.reason)
            return run.report()
        }
        var run = VerificationRun(policy: policy, modelPath: source.description, bundlePath: bundle.description)
        run.pass(.bundle, "a Sigstore bundle v0.3 with \(bundle.bundle.envelope.signatures.count) signature(s)")

        // 2-8. The signatures, the payload and the policy.
        guard let manifest = try ModelVerifier.checkClaims(of: bundle.bundle, policy: policy, now: now, run: &run) else {
            return run.report()
        }

        // 9. Exactly the signed files, each hashed as it streams.
        let files = manifest.contents.files
        let sources: [any ByteSource]
        do { sources = try source.fileSources(for: manifest) } catch let rejection as TransferRejection {
            run.fail(.integrity, rejection.reason, detail: rejection.detail)
            return run.report()
        }
        progress?.begin(totalBytes: files.reduce(Int64(0)) { $0.addingSaturated($1.size) })
        let order = files.indices.sorted { files[$0].size > files[$1].size }
        let checked: Bool? = try run.attempt(.integrity) {
            _ = try ParallelWork.run(count: order.count, workers: source.readsSequentially ? 1 : jobs, makeState: { CopyWorker() }) { position, worker in
                let file = files[order[position]]
                try SourceRehash.check(sources[order[position]], modelPath: file.path, size: file.size, expected: file.digest,
                                       hashing: manifest.hashing, worker: worker, progress: progress)
            }
            return true
        }
        guard checked != nil else { return run.report() }
        run.pass(.integrity, "\(files.count) file(s) and \(manifest.contents.symlinks.count) symlink(s) match")

        // 10. The model digest of what matched: every file's digest and every symlink are
        //     now the signed ones, so it is recomputed from them.
        let digest = ModelDigest.compute(manifest.contents, parameters: manifest.hashing)
        guard digest == manifest.modelDigest else {
            run.fail(.modelDigest, "the model digest \(digest) is not the signed \(manifest.modelDigest)")
            return run.report()
        }
        run.pass(.modelDigest, digest.prefixed)
        return run.report()
    }
}
