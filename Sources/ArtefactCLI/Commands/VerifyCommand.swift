import ArtefactCore

/// `artefact verify`: re-hash every byte and check the signature; exit 1 on any failure.
enum VerifyCommand: Command {
    static let name = "verify"
    static let summary = "check a model against its signed bundle (exit 1 if rejected)"
    static let help = """
    Usage: artefact verify PATH (--key PUBLIC_KEY [--key PUBLIC_KEY]... | --policy POLICY.json)
                           [--signature FILE] [--json] [--jobs N] [--at TIME] [--quiet] [--verbose]
           artefact verify s3://BUCKET/PREFIX (--key PUBLIC_KEY... | --policy POLICY.json)
                           [--json] [--jobs N] [--at TIME] [--quiet] [--verbose] [S3 and TLS options]

    Checks, in order: the bundle; the signatures, certificate chains, revocation and
    identities; the signed payload; the policy rule, threshold, clearance, expiry and age;
    every file under PATH; and the model digest. Exit 0 accepts; exit 1 rejects.

      --key PUBLIC_KEY   a trusted SubjectPublicKeyInfo PEM key (repeatable); any one suffices;
                         env:VAR reads it from an environment variable, - from standard input.
                         An Ed25519 key verifies artefact bundles; an EC P-256/P-384/P-521 key
                         verifies OpenSSF Model Signing (model_signing) bundles
      --policy FILE      verify under this environment's policy file (see Docs/POLICY.md)
      --signature FILE   the bundle (default: PATH/model.sig, or PATH.sig for a file)
      --json             print every check and its result as JSON on stdout
      --jobs N           hash on N threads (default: the number of processors)
      --at TIME          verify as of this UTC time instead of now (2026-01-01T00:00:00Z)
      --quiet            no progress on stderr
      --verbose          also a line on stderr for every file hashed

    An s3://BUCKET/PREFIX is verified in place: PREFIX/model.sig is the bundle, every
    object under the prefix is read and hashed as it streams (on --jobs connections) and
    nothing is written; an object the manifest does not list (and no ignore pattern
    covers) rejects, as an extra file does in a directory. It takes the S3 and TLS options
    of 'artefact transfer --help' (--s3-endpoint URL, --s3-addressing path|virtual,
    --tls-ca CA.pem, --tls-cert CLIENT.pem, --tls-key CLIENT.key, --tls-system-ca,
    --network-timeout SECONDS) and the AWS_* and ARTEFACT_TLS_* environment.

    """
    static let flags = FlagSpec(valued: Set(["--signature", "--jobs", "--at", "--policy", "--tls-ca", "--tls-cert", "--tls-key",
                                         "--network-timeout"]).union(S3AccessOptions.valuedFlags),
                                boolean: ["--json", "--quiet", "--verbose", "--tls-system-ca"],
                                repeatable: ["--key"])

    static func run(_ arguments: ScannedArguments) throws -> Int32 {
        let path = try arguments.singlePositional(named: "a model PATH", command: name)
        // Every flag is checked before any path is looked at or any key read: a usage
        // error is reported as such, not as whatever the path turns out to be.
        let trust = try TrustFlags(arguments)
        let now = try ArgumentValues.moment(arguments.value("--at"))
        let jobs = try ArgumentValues.jobs(arguments.value("--jobs"))
        if path.hasPrefix(S3Location.scheme) && arguments.value("--signature") != nil {
            throw ArtefactError.usage("--signature names a local bundle, but \(path) holds its own at \(S3Location.bundleName): drop --signature")
        }
        if let source = try TransferEndpointParser.verificationSource(path, s3Options: { try S3AccessOptions.options(arguments) }) {
            let policy = try trustPolicy(trust)
            let report = try withProgress(label: "verifying", options: ProgressOptions(arguments)) { progress in
                try SourceVerifier.verify(source, policy: policy, now: now, jobs: jobs, progress: progress)
            }
            return finish(report, arguments: arguments)
        }
        try ModelPathMistakes.check(path, signature: arguments.value("--signature"), verb: name)
        let request = VerificationRequest(
            location: try ModelLocation(modelPath: path, signaturePath: arguments.value("--signature")),
            policy: try trustPolicy(trust), now: now, jobs: jobs)
        let report = try withProgress(label: "verifying", options: ProgressOptions(arguments)) { progress in
            try ModelVerifier.verify(request, progress: progress)
        }
        return finish(report, arguments: arguments)
    }

    /// Prints the report and says how the run ends.
    private static func finish(_ report: VerificationReport, arguments: ScannedArguments) -> Int32 {
        if arguments.has("--json") {
            Console.outJSON(VerificationReportJSON.encode(report), ok: report.accepted)
        } else if report.accepted, let statement = report.omsStatement {
            Console.out("""
            verified \(statement.name) (OMS bundle, \(statement.serialization.method.rawValue) serialization; no version, classification \
            or signing time is signed): \(OMSSummaryJSON.pathCount(statement)) file(s), signed by \(report.signerKeyIDs.joined(separator: ", "))

            """)
        } else if report.accepted, let manifest = report.manifest {
            Console.out("""
            verified \(manifest.name)\(manifest.version.map { "@" + $0 } ?? "") (\(manifest.classification.rawValue)): \
            \(manifest.contents.files.count) file(s), signed by \(report.signerKeyIDs.joined(separator: ", "))

            """)
        }
        guard report.accepted else {
            let failure = report.firstFailure
            ArtefactCommandLine.report(.rejected("\((failure?.name ?? .verification).rawValue): \(failure?.reason ?? "no check passed")"))
            return ExitStatus.rejected
        }
        return ExitStatus.success
    }

    /// What the flags say to trust: a policy file, or keys. Only the flags are read here.
    enum TrustFlags {
        case policy(String)
        case keys([String])

        init(_ arguments: ScannedArguments) throws {
            let keyArguments = arguments.all("--key")
            switch (arguments.value("--policy"), keyArguments.isEmpty) {
            case (let policyPath?, true):
                self = .policy(policyPath)
            case (nil, false):
                try KeyArgument.checkForm(keyArguments)
                self = .keys(keyArguments)
            case (.some, false):
                throw ArtefactError.usage("give --policy or --key, not both: a policy names its own keys")
            case (nil, true):
                throw ArtefactError.usage("verify needs at least one --key PUBLIC_KEY to trust, or a --policy POLICY.json")
            }
        }
    }

    /// The policy to verify under: the --policy file, or the ad-hoc policy of the --keys.
    static func trustPolicy(_ trust: TrustFlags) throws -> TrustPolicy {
        switch trust {
        case .policy(let policyPath):
            return try TrustPolicyParser.read(path: policyPath)
        case .keys(let keyArguments):
            return .adHoc(anyKeys: try keyArguments.map { argument in
                let (pem, source) = try KeyArgument.pem(argument)
                return try AnyPublicKey(pem: pem, source: source)
            })
        }
    }
}
