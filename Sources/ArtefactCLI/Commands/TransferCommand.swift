import ArtefactCore

/// `artefact transfer`: move a signed model across a boundary, verified at the crossing.
enum TransferCommand: Command {
    static let name = "transfer"
    static let summary = "move a signed model into a store, between stores, or out to a directory"
    static let help = """
    Usage: artefact transfer SRC DST [--model NAME[@VERSION]] [--json] [--signature FILE]
                             [--jobs N] [--at TIME] [--quiet] [--verbose] [TLS options]
           artefact transfer STORE oci://HOST:PORT/REPOSITORY --model NAME@VERSION [TLS options]
           artefact transfer oci://HOST:PORT/REPOSITORY:VERSION DST [TLS options]
           artefact transfer STORE s3://BUCKET/PREFIX --model NAME[@VERSION] [S3 and TLS options]
           artefact transfer s3://BUCKET/PREFIX DST [S3 and TLS options]

    SRC is a signed model directory, or a store (then --model names the model; without a
    version, its highest). DST is a store, or a plain directory (absent or empty) to export
    to. The bundle is verified under the destination store's policy (the source store's
    for an export) before a byte is written; every file is hashed as it is copied and
    compared with its signed digest; the model appears in DST only when complete. A rerun
    after a crash resumes. Both stores log the crossing, rejections included; a store whose
    crossing log does not verify against its last signed checkpoint stops the transfer
    before any work (exit 3; see 'artefact audit --help').

      --model NAME[@VERSION]  the model to take from a store (or to expect in a directory)
      --signature FILE        the bundle of a directory source (default: SRC/model.sig)
      --version VERSION       for a directory signed with an OpenSSF Model Signing bundle
                              (which signs no version): the version the store records,
                              logged as asserted by the operator; the store's policy
                              rule must list "oms" in its formats
      --json                  print the outcome as JSON
      --jobs N                copy on N threads (default: the number of processors)
      --quiet                 no progress on stderr
      --verbose               also a line on stderr for every file copied
      --at TIME               judge expiry, age and certificates as of this later UTC time
                              (never earlier than now: a crossing's clock cannot go back)

    An s3://BUCKET/PREFIX holds the model as plain objects, PREFIX/<path> for every file,
    and its bundle PREFIX/model.sig, written last; symlinks are not objects (the bundle
    records them; a pull or export recreates them). A push starts from a store (whose
    policy applies), creates every object only if absent, refuses a prefix that holds
    anything else (exit 1, nothing changed), is a no-op when the prefix holds this model
    already, and resumes a killed multipart upload. A pull verifies the bundle under the
    destination's policy, refuses objects the manifest does not list, and resumes.
      --s3-endpoint URL       an S3-compatible server, https://HOST[:PORT] (AWS_ENDPOINT_URL_S3
                              or AWS_ENDPOINT_URL; default: AWS's endpoint of the region)
      --s3-addressing path|virtual  bucket in the path or in the host name (default: path
                              for a custom endpoint, virtual for AWS)
    Credentials come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN,
    or else profile AWS_PROFILE (default: default) of the shared credentials file
    (AWS_SHARED_CREDENTIALS_FILE, default ~/.aws/credentials), never from the command line;
    the region from AWS_REGION, AWS_DEFAULT_REGION or the profile's region in
    AWS_CONFIG_FILE (default ~/.aws/config), else us-east-1.

    Registries and object storage are reached over TLS 1.3 only, trusting only the given
    CA, presenting a client certificate when given one. Each option may also come from
    the environment or from the local store's configuration (store init --tls-ca ...):
      --tls-ca CA.pem         the CA that issued the server's certificate (ARTEFACT_TLS_CA)
      --tls-cert CLIENT.pem   the client certificate (ARTEFACT_TLS_CERT)
      --tls-key CLIENT.key    its private key (ARTEFACT_TLS_KEY; passphrase in ARTEFACT_TLS_KEY_PASSPHRASE)
      --tls-system-ca         also trust the system's CA bundle
      --registry-credentials FILE  a file holding USER:PASSWORD (or set ARTEFACT_REGISTRY_USER
                              and ARTEFACT_REGISTRY_PASSWORD)
      --network-timeout SECONDS  the longest one request may take (ARTEFACT_NETWORK_TIMEOUT;
                              default 300); a blob transfer also gets its size at
                              ARTEFACT_NETWORK_MIN_RATE bytes/s (default 256K)

    """
    static let flags = FlagSpec(valued: Set(["--model", "--version", "--signature", "--jobs", "--at", "--tls-ca", "--tls-cert", "--tls-key",
                                         "--registry-credentials", "--network-timeout"]).union(S3AccessOptions.valuedFlags),
                                boolean: ["--json", "--quiet", "--verbose", "--tls-system-ca"])

    static func run(_ arguments: ScannedArguments) throws -> Int32 {
        guard arguments.positionals.count == 2 else {
            throw ArtefactError.usage("'transfer' takes SRC and DST; see 'artefact transfer --help'")
        }
        let (name, version) = try modelSelector(arguments.value("--model"))
        // Flag values before the endpoints are opened: a usage error is reported as such.
        let now = try ArgumentValues.moment(arguments.value("--at"))
        // ModelTransfer.run enforces this too; checked here as well so the usage error comes
        // before --jobs and the audit passphrase are read, as it always has.
        try TransferClock.requireNotBack(now)
        let jobs = try ArgumentValues.jobs(arguments.value("--jobs"))
        let (source, destination) = try TransferEndpointParser.parse(
            source: arguments.positionals[0], destination: arguments.positionals[1], name: name, version: version,
            signature: arguments.value("--signature"), registryOptions: { try RegistryAccessOptions.options(arguments) },
            s3Options: { try S3AccessOptions.options(arguments) })
        var request = TransferRequest(source: source, destination: destination, expectedName: name, expectedVersion: version,
                                      now: now,
                                      jobs: jobs,
                                      auditPassphrase: try PassphraseSource.auditKeyPassphrase())
        request.assertedVersion = arguments.value("--version")
        let outcome = try withProgress(label: "transferring", options: ProgressOptions(arguments)) { progress in
            request.progress = progress
            return try ModelTransfer.run(request)
        }
        if arguments.has("--json") {
            Console.outJSON(json(outcome, request: request), ok: outcome.accepted)
        } else if outcome.accepted, let manifest = outcome.manifest {
            let what = outcome.alreadyPresent
                ? "already present with the same digest; nothing copied"
                : "copied \(ProgressReporter.format(bytes: outcome.bytesCopied)), reused \(ProgressReporter.format(bytes: outcome.bytesReused))"
                    + " (\(outcome.filesReused) file(s) already stored)"
            Console.out("""
            transferred \(manifest.name)@\(manifest.version ?? "") from \(source.description) to \(destination.description): \(what)
            \(outcome.reason)\(outcome.exportedBundle.map { "; bundle at \($0)" } ?? "")
            transfer id \(outcome.transferID)

            """)
        }
        guard outcome.accepted else {
            ArtefactCommandLine.report(.rejected(outcome.reason + "; nothing was published"))
            return ExitStatus.rejected
        }
        return ExitStatus.success
    }

    /// `NAME` or `NAME@VERSION`.
    static func modelSelector(_ text: String?) throws -> (String?, String?) {
        guard let text else { return (nil, nil) }
        let parts = text.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let name = parts.first, !name.isEmpty, parts.count == 1 || !parts[1].isEmpty else {
            throw ArtefactError.usage("--model takes NAME or NAME@VERSION, not \"\(text)\"")
        }
        return (name, parts.count > 1 ? parts[1] : nil)
    }

    static func json(_ outcome: TransferOutcome, request: TransferRequest) -> JSONValue {
        jsonObject([
            ("transferId", .string(outcome.transferID)),
            ("accepted", .bool(outcome.accepted)),
            ("reason", .string(outcome.reason)),
            ("source", .string(request.source.description)),
            ("destination", .string(request.destination.description)),
            ("model", outcome.manifest.map(ManifestSummaryJSON.encode) ?? .null),
            ("alreadyPresent", .bool(outcome.alreadyPresent)),
            ("bytesCopied", .integer(outcome.bytesCopied)),
            ("bytesReused", .integer(outcome.bytesReused)),
            ("filesReused", .integer(outcome.filesReused)),
            ("exportedBundle", outcome.exportedBundle.map(JSONValue.string) ?? .null),
            ("checks", outcome.report.map { report in
                .array(report.checks.map { .object([("check", .string($0.name.rawValue)), ("result", .string($0.outcome.rawValue)),
                                                    ("reason", .string($0.reason))]) })
            } ?? .null),
        ])
    }
}
