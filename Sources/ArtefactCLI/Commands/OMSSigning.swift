import ArtefactCore

/// `artefact sign PATH --key EC_KEY --format oms`: an OpenSSF Model Signing bundle that
/// `model_signing verify key` accepts, instead of artefact's own.
enum OMSSigning {
    /// The formats `sign --format` writes.
    static let formats = ["artefact", "oms"]

    /// Flags that describe what OMS cannot carry (it signs no name, version,
    /// classification, time or certificate) or an artefact bundle to co-sign.
    static let refusedFlags = ["--name", "--version", "--classification", "--expires", "--cert", "--chain", "--append", "--force"]

    static func run(_ arguments: ScannedArguments, path: String, keyPath: String) throws -> Int32 {
        if let flag = refusedFlags.first(where: { arguments.has($0) || !arguments.all($0).isEmpty }) {
            throw ArtefactError.badInput("\(flag) cannot be used with --format oms: an OMS bundle signs only the files, "
                + "with no name, version, classification, time or certificate")
        }
        let request = OMSModelSigner.Request(
            location: try ModelLocation(modelPath: path, signaturePath: arguments.value("--signature")),
            shardSize: try ArgumentValues.shardSize(arguments.value("--shard-size")).shardSize,
            ignorePaths: arguments.all("--ignore"),
            jobs: try ArgumentValues.jobs(arguments.value("--jobs")))
        let key = try loadECKey(path: keyPath, passphraseFile: arguments.value("--passphrase-file"))
        let statement = try withProgress(label: "hashing", options: ProgressOptions(arguments)) { progress in
            try OMSModelSigner.sign(request, key: key, progress: progress)
        }
        if arguments.has("--json") {
            Console.outJSON(jsonObject([
                ("action", .string("signed")), ("bundle", .string(request.location.bundlePath)), ("keyId", .string(key.publicKey.keyID)),
                ("signatureCount", .integer(1)), ("format", .string(BundleFormat.oms.rawValue)),
                ("model", OMSSummaryJSON.encode(statement)),
            ]), ok: true)
        } else {
            Console.out("""
            signed \(statement.name) as an OMS bundle (\(statement.serialization.method.rawValue) serialization): \
            \(OMSSummaryJSON.pathCount(statement)) file(s), \(statement.resources.count) resource(s)
            subject digest \(statement.rootDigest.prefixed)
            key id \(key.publicKey.keyID) (EC \(key.curve.displayName))
            wrote \(request.location.bundlePath)

            """)
        }
        return ExitStatus.success
    }

    /// The EC private key; an Ed25519 key is bad input, since model_signing verifies EC
    /// keys only.
    private static func loadECKey(path: String, passphraseFile: String?) throws -> ECPrivateKey {
        var (pem, source) = try KeyArgument.pem(path)
        defer { wipe(&pem) }
        let passphrase = PrivateKeyFile.isEncrypted(pem)
            ? try PassphraseSource.obtain(file: passphraseFile, confirm: false, purpose: source)
            : nil
        guard case .ecdsa(let key) = try PrivateKeyFile.readAnyKind(pem: pem, passphrase: passphrase, source: source) else {
            throw ArtefactError.badInput("\(source) is an Ed25519 key; --format oms needs an EC P-256, P-384 or P-521 key, "
                + "the only kind model_signing verifies (artefact keygen --type ec-p256)")
        }
        return key
    }
}
