import ArtefactCore

/// `artefact sign`: hash a model and write its signature bundle.
enum SignCommand: Command {
    static let name = "sign"
    static let summary = "hash a model and write its signed bundle"
    static let help = """
    Usage: artefact sign PATH --key PRIVATE_KEY [--name NAME] [--version VERSION]
                         [--classification public|internal|confidential|restricted]
                         [--expires DATE_OR_DURATION] [--ignore PATTERN]... [--signature FILE]
                         [--shard-size BYTES] [--jobs N] [--passphrase-file FILE] [--quiet] [--verbose]
                         [--cert CERT.pem [--chain INTERMEDIATES.pem]] [--force] [--json]
           artefact sign PATH --key EC_PRIVATE_KEY --format oms [--ignore PATH]... [--signature FILE]
                         [--shard-size BYTES] [--jobs N] [--passphrase-file FILE] [--quiet] [--json]
           artefact sign PATH --key PRIVATE_KEY --append [--cert CERT.pem [--chain FILE]] [--signature FILE]

    Hashes every file under PATH and writes a Sigstore bundle (DSSE, in-toto Statement) to
    PATH/model.sig for a directory or PATH.sig for a file, unless --signature names another.

      --key PRIVATE_KEY        PKCS#8 PEM Ed25519 key (keygen's, or openssl genpkey's);
                               env:VAR reads it from an environment variable, - from standard input
      --name NAME              the model name (default: PATH's base name)
      --version VERSION        a version to sign with it
      --classification LEVEL   public, internal (default), confidential or restricted
      --expires WHEN           2027-01-31, 2027-01-31T12:00:00Z, or a duration: 90d, 12h, 2w
      --ignore PATTERN         leave out matching paths; recorded and re-applied by verify
      --signature FILE         where to write the bundle
      --shard-size BYTES       hash files larger than BYTES as parallel shards
      --jobs N                 hash on N threads (default: the number of processors)
      --passphrase-file FILE   the key's passphrase (or ARTEFACT_PASSPHRASE, or a prompt)
      --quiet                  no progress on stderr
      --verbose                also a line on stderr for every file hashed
      --json                   print the bundle, key id and model summary as JSON
      --cert CERT.pem          the signer's X.509 certificate (for KEY), carried in the bundle
      --chain FILE             intermediate CA certificates (PEM) to carry with --cert
      --append                 co-sign: add this key's signature to the existing bundle,
                               after checking the model still matches its payload
      --force                  replace an existing bundle that other keys have signed
                               (without it, or --append, sign refuses: exit 2)
      --format artefact|oms    oms writes an OpenSSF Model Signing v1.0 bundle that
                               'model_signing verify key' accepts: it needs an EC key
                               (keygen --type ec-p256), signs a directory's files (or shards,
                               with --shard-size) and no name, version, classification or
                               time; each --ignore is then an exact path in the model

    """
    static let flags = FlagSpec(
        valued: ["--key", "--name", "--version", "--classification", "--expires", "--signature", "--shard-size", "--jobs",
                 "--passphrase-file", "--cert", "--chain", "--format"],
        boolean: ["--quiet", "--verbose", "--append", "--force", "--json"], repeatable: ["--ignore"])

    /// Flags that describe a new payload, and so make no sense with --append.
    static let payloadFlags = ["--name", "--version", "--classification", "--expires", "--ignore", "--shard-size"]

    static func run(_ arguments: ScannedArguments) throws -> Int32 {
        let path = try arguments.singlePositional(named: "a model PATH", command: name)
        guard let keyPath = arguments.value("--key") else {
            throw ArtefactError.usage("sign needs --key PRIVATE_KEY; create one with 'artefact keygen --out PREFIX'")
        }
        try KeyArgument.checkForm([keyPath])
        if arguments.value("--chain") != nil && arguments.value("--cert") == nil {
            throw ArtefactError.usage("--chain goes with --cert: give the signer's certificate with --cert CERT.pem too, or drop --chain")
        }
        switch arguments.value("--format") {
        case nil, "artefact": break
        case "oms": return try OMSSigning.run(arguments, path: path, keyPath: keyPath)
        case let other?:
            throw ArtefactError.usage("--format \(other) is not a bundle format; use artefact (the default) or oms")
        }
        if arguments.has("--append") { try checkAppendFlags(arguments) }
        // Every flag value is checked before the model is looked at: a usage error is
        // reported as such, whatever the path turns out to be.
        let now = Timestamp.now
        let classification = try ArgumentValues.classification(arguments.value("--classification"))
        let expiresAt = try ArgumentValues.expiry(arguments.value("--expires"), now: now)
        let hashing = try ArgumentValues.shardSize(arguments.value("--shard-size"))
        let jobs = try ArgumentValues.jobs(arguments.value("--jobs"))
        let location = try ModelLocation(modelPath: path, signaturePath: arguments.value("--signature"))
        // Before the key is unlocked and the model hashed: a bundle that cannot be written fails first.
        try ParentDirectory.require(for: location.bundlePath)
        if arguments.has("--append") {
            return try append(arguments, location: location, keyPath: keyPath, jobs: jobs)
        }
        let request = SigningRequest(
            location: location, name: arguments.value("--name"), version: arguments.value("--version"),
            classification: classification, expiresAt: expiresAt, ignorePatterns: arguments.all("--ignore"),
            hashing: hashing, jobs: jobs, createdAt: now)
        let key = try loadSigningKey(path: keyPath, passphraseFile: arguments.value("--passphrase-file"))
        if !arguments.has("--force") { try refuseDroppingCoSigners(location.bundlePath, key: key) }
        let certificates = try loadCertificates(arguments, key: key)
        let signed = try withProgress(label: "hashing", options: ProgressOptions(arguments)) { progress in
            try ModelSigner.sign(request, key: key, certificates: certificates, progress: progress)
        }
        report(signed, key: key, verb: "signed", json: arguments.has("--json"))
        return ExitStatus.success
    }

    /// --append adds a signature to the payload as it is: flags that would change it, or
    /// replace the bundle, contradict it.
    private static func checkAppendFlags(_ arguments: ScannedArguments) throws {
        if arguments.has("--force") {
            throw ArtefactError.usage("--force cannot be used with --append: co-signing keeps every signature already there; give one of them")
        }
        if let flag = payloadFlags.first(where: { !arguments.all($0).isEmpty }) {
            throw ArtefactError.usage("\(flag) cannot be used with --append: co-signing keeps the payload as it is; drop \(flag), or sign anew with --force")
        }
    }

    private static func append(_ arguments: ScannedArguments, location: ModelLocation, keyPath: String, jobs: Int) throws -> Int32 {
        let key = try loadSigningKey(path: keyPath, passphraseFile: arguments.value("--passphrase-file"))
        let certificates = try loadCertificates(arguments, key: key)
        let signed: SignedModel
        do {
            signed = try withProgress(label: "checking", options: ProgressOptions(arguments)) { progress in
                try ModelSigner.append(to: location, key: key, certificates: certificates, jobs: jobs, progress: progress)
            }
        } catch let error as ArtefactError where error.kind == .rejected {
            // Only the model's files can reject a co-signature; name the check as verify does.
            throw ArtefactError.rejected("integrity: \(error.message)")
        }
        report(signed, key: key, verb: "co-signed", json: arguments.has("--json"))
        return ExitStatus.success
    }

    /// A new signature replaces the bundle; when it carries other signers' signatures, that
    /// would silently drop them, so it takes --force (or --append, to add to them instead).
    /// A bundle that cannot be read carries no signer this could lose.
    private static func refuseDroppingCoSigners(_ bundlePath: String, key: SigningKey) throws {
        guard FileSystem.exists(bundlePath), let existing = try? SignatureBundle.read(path: bundlePath) else { return }
        let others = Set(existing.envelope.signatures.map(\.keyID)).subtracting([key.publicKey.keyID])
        guard !others.isEmpty else { return }
        throw ArtefactError.badInput("\(bundlePath) already carries signatures by \(others.sorted().joined(separator: ", ")); "
                                     + "--append adds yours to them, --force replaces the bundle and drops them")
    }

    private static func loadCertificates(_ arguments: ScannedArguments, key: SigningKey) throws -> SignerCertificates? {
        try arguments.value("--cert").map {
            try SignerCertificateLoader.load(certificatePath: $0, chainPath: arguments.value("--chain"), for: key)
        }
    }

    private static func report(_ signed: SignedModel, key: SigningKey, verb: String, json: Bool) {
        let manifest = signed.manifest
        if json {
            Console.outJSON(jsonObject([
                ("action", .string(verb)), ("bundle", .string(signed.bundlePath)), ("keyId", .string(key.publicKey.keyID)),
                ("signatureCount", .integer(signed.bundle.envelope.signatures.count)),
                ("model", ManifestSummaryJSON.encode(manifest)),
                ("symlinkCount", .integer(manifest.contents.symlinks.count)),
            ]), ok: true)
            return
        }
        Console.out("""
        \(verb) \(manifest.name)\(manifest.version.map { "@" + $0 } ?? "") (\(manifest.classification.rawValue)): \
        \(manifest.contents.files.count) file(s), \(manifest.contents.symlinks.count) symlink(s), \
        \(ProgressReporter.format(bytes: manifest.contents.totalBytes))
        model digest \(manifest.modelDigest.prefixed)
        key id \(key.publicKey.keyID)
        wrote \(signed.bundlePath) (\(signed.bundle.envelope.signatures.count) signature(s))

        """)
    }

    /// Reads the private key (a file, env:VAR or - for standard input), asking for a
    /// passphrase only if the key is encrypted.
    static func loadSigningKey(path: String, passphraseFile: String?) throws -> SigningKey {
        var (pem, source) = try KeyArgument.pem(path)
        defer { wipe(&pem) }
        let passphrase = PrivateKeyFile.isEncrypted(pem)
            ? try PassphraseSource.obtain(file: passphraseFile, confirm: false, purpose: source)
            : nil
        return try PrivateKeyFile.read(pem: pem, passphrase: passphrase, source: source)
    }
}
