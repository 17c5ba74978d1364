import ArtefactCore

/// `artefact store init|list|verify|gc`: create and look after local model stores.
enum StoreCommand: Command {
    static let name = "store"
    static let summary = "create, list, verify and clean local model stores"
    static let help = """
    Usage: artefact store init DIR --environment NAME --policy POLICY.json [--audit-key PRIVATE_KEY] [--json]
                              [--tls-ca CA.pem] [--tls-cert CLIENT.pem] [--tls-key CLIENT.key]
           artefact store list DIR [--json]
           artefact store verify DIR [--json] [--jobs N] [--quiet] [--verbose]
           artefact store gc DIR [--json]

    A store is an OCI image layout directory holding signed model versions, with its own
    policy (which decides what may enter), rollback state and crossing log.

      init     create a store in DIR (absent or empty) for environment NAME; the policy must
               be that environment's. --audit-key signs log checkpoints (its passphrase, if
               any, comes from ARTEFACT_AUDIT_PASSPHRASE or ARTEFACT_PASSPHRASE); when the
               policy names an "audit_key", --audit-key must be its private half. The
               --tls files are remembered for transfers between this store and registries.
               The policy, keys and TLS files must live outside DIR
      list     the model versions in the store
      verify   re-hash every blob; report bit rot and missing blobs (exit 1 if any);
               progress on stderr unless --quiet, a line per blob with --verbose
      gc       remove blobs no model references, and partial uploads of dead transfers

    Every verb that writes the store's crossing log first checks it against its last
    signed checkpoint, and refuses (exit 3, nothing done) when it does not verify.

    """
    static let subcommands = ["init", "list", "verify", "gc"]
    static let flags = FlagSpec(valued: ["--environment", "--policy", "--audit-key", "--jobs", "--tls-ca", "--tls-cert", "--tls-key"],
                                boolean: ["--json", "--quiet", "--verbose"])

    static let subcommandList = "init, list, verify or gc"

    static func run(_ arguments: ScannedArguments) throws -> Int32 {
        guard let subcommand = arguments.positionals.first else {
            throw ArtefactError.usage("'store' needs a subcommand: \(subcommandList)")
        }
        if !subcommands.contains(subcommand) {
            if arguments.positionals.count == 1 && FileSystem.exists(subcommand) {
                throw ArtefactError.usage("'store \(subcommand)' needs a subcommand before the store: \(subcommandList) "
                                          + "(for example 'artefact store verify \(subcommand)')")
            }
            throw ArtefactError.usage("unknown store subcommand '\(subcommand)'"
                                      + "\(NearestName.hint(for: subcommand, among: subcommands)); use \(subcommandList)")
        }
        guard arguments.positionals.count == 2 else {
            throw ArtefactError.usage("'store \(subcommand)' takes one store directory; see 'artefact store --help'")
        }
        let directory = arguments.positionals[1]
        switch subcommand {
        case "init": return try initialize(directory, arguments)
        case "list": return try list(directory, arguments)
        case "verify": return try verify(directory, arguments)
        case "gc": return try collect(directory, arguments)
        default: throw ArtefactError.usage("unknown store subcommand '\(subcommand)'; use init, list, verify or gc")
        }
    }

    private static func initialize(_ directory: String, _ arguments: ScannedArguments) throws -> Int32 {
        try arguments.allowOnly(["--json", "--environment", "--policy", "--audit-key", "--tls-ca", "--tls-cert", "--tls-key"], subcommand: "store init")
        guard let environment = arguments.value("--environment"), !environment.isEmpty else {
            throw ArtefactError.usage("store init needs --environment NAME, the environment its policy is for")
        }
        guard let policy = arguments.value("--policy") else { throw ArtefactError.usage("store init needs --policy POLICY.json, the policy that decides what enters it") }
        let auditKey = try arguments.value("--audit-key").map { path in
            (path: path, key: try PrivateKeyFile.read(path: path, passphrase: PassphraseSource.auditKeyPassphrase()))
        }
        let tlsGiven = ["--tls-ca", "--tls-cert", "--tls-key"].contains { arguments.value($0) != nil }
        let tls = tlsGiven ? StoredTLSFiles(caFile: arguments.value("--tls-ca"), certificateFile: arguments.value("--tls-cert"),
                                            keyFile: arguments.value("--tls-key")) : nil
        let (store, log) = try ModelStore.create(at: directory, environment: environment, policyPath: policy, auditKey: auditKey, tls: tls,
                                                 auditPassphrase: PassphraseSource.auditKeyPassphrase())
        let checkpoints: String
        switch log.anchor?.origin {
        case nil: checkpoints = "none (hash chain only)"
        case .policy?: checkpoints = "signed by key \(log.anchor!.key.keyID), anchored by the policy's audit_key"
        default:
            checkpoints = "signed by key \(log.anchor!.key.keyID); the policy anchors no audit key, so 'audit verify' needs "
                + "--audit-key PUBLIC_KEY (or add \"audit_key\" to the policy)"
        }
        if arguments.has("--json") {
            Console.outJSON(jsonObject([
                ("store", .string(store.layout.root)), ("environment", .string(environment)),
                ("policy", .string(store.configuration.policyPath)),
                ("auditKey", log.anchor?.json ?? .null),
            ]), ok: true)
            return ExitStatus.success
        }
        Console.out("""
        created store \(directory) for environment "\(environment)"
        policy \(store.configuration.policyPath)
        audit checkpoints: \(checkpoints)

        """)
        return ExitStatus.success
    }

    private static func list(_ directory: String, _ arguments: ScannedArguments) throws -> Int32 {
        try arguments.allowOnly(["--json"], subcommand: "store list")
        let store = try ModelStore.open(directory)
        let models = try store.index().models.sorted {
            $0.name != $1.name ? $0.name < $1.name : ModelVersion.precedes($0.version, $1.version)
        }
        if arguments.has("--json") {
            Console.outJSON(jsonObject([
                ("store", .string(store.layout.root)), ("environment", .string(store.configuration.environment)),
                ("models", .array(models.map(StoredModelJSON.encode))),
            ]), ok: true)
            return ExitStatus.success
        }
        var text: TerminalText = "store \(store.layout.root), environment \"\(store.configuration.environment)\": \(models.count) model version(s)\n"
        for model in models {
            text += "  \(model.label)  \(model.classification)  \(model.modelDigest)\(model.bundleManifest == nil ? "  (UNSIGNED)" : "")\n"
        }
        Console.out(text)
        return ExitStatus.success
    }

    private static func verify(_ directory: String, _ arguments: ScannedArguments) throws -> Int32 {
        try arguments.allowOnly(["--json", "--jobs", "--quiet", "--verbose"], subcommand: "store verify")
        let jobs = try ArgumentValues.jobs(arguments.value("--jobs"))
        // Opened without refusing symlinks among the store's own files: verify reports them.
        let store = try ModelStore.openForInspection(directory)
        let result = try withProgress(label: "verifying", options: ProgressOptions(arguments)) { progress in
            try StoreVerifier.verify(store, jobs: jobs, progress: progress)
        }
        if arguments.has("--json") {
            Console.outJSON(jsonObject([
                ("store", .string(store.layout.root)), ("clean", .bool(result.isClean)), ("blobs", .integer(result.blobCount)),
                ("bytes", .integer(result.bytes)), ("corrupt", .array(result.corrupt.map(JSONValue.string))),
                ("missing", .array(result.missing.map(JSONValue.string))), ("unreadable", .array(result.unreadable.map(JSONValue.string))),
                ("symlinks", .array(result.symlinks.map(JSONValue.string))),
            ]), ok: result.isClean)
        } else if result.isClean {
            Console.out("store \(store.layout.root) is clean: \(result.blobCount) blob(s), \(ProgressReporter.format(bytes: result.bytes)) re-hashed\n")
        }
        guard result.isClean else {
            let problems = result.symlinks.map { "symlink \($0) inside the store (artefact never follows one; remove it)" }
                + result.corrupt.map { "corrupt blob \($0)" } + result.missing.map { "missing blob \($0)" } + result.unreadable
            ArtefactCommandLine.report(.rejected("store \(store.layout.root): \(problems.count) problem(s): \(problems.prefix(3).joined(separator: "; "))"))
            return ExitStatus.rejected
        }
        return ExitStatus.success
    }

    private static func collect(_ directory: String, _ arguments: ScannedArguments) throws -> Int32 {
        try arguments.allowOnly(["--json"], subcommand: "store gc")
        let store = try ModelStore.open(directory)
        let result = try store.collectGarbage(auditPassphrase: PassphraseSource.auditKeyPassphrase())
        if arguments.has("--json") {
            Console.outJSON(jsonObject([
                ("store", .string(store.layout.root)), ("removedBlobs", .integer(result.removedBlobs)),
                ("removedBytes", .integer(result.removedBytes)), ("removedPartials", .integer(result.removedPartials)),
            ]), ok: true)
            return ExitStatus.success
        }
        Console.out("removed \(result.removedBlobs) unreferenced blob(s) (\(ProgressReporter.format(bytes: result.removedBytes))) and \(result.removedPartials) partial upload(s)\n")
        return ExitStatus.success
    }
}
