import ArtefactCore

/// `artefact inspect`: what a bundle claims, clearly marked as unverified.
enum InspectCommand: Command {
    static let name = "inspect"
    static let summary = "show what a signature bundle claims (unverified)"
    static let help = """
    Usage: artefact inspect SIGNATURE_FILE [--json]

    Prints the model name, version, classification, times, signer key ids and files that
    the bundle claims. Nothing is verified: use 'artefact verify' to check the claims.
    An OpenSSF Model Signing (model_signing) bundle shows its subject, serialization and
    resources; it claims no version, classification or time.

      --json   print the claims as JSON

    """
    static let flags = FlagSpec(boolean: ["--json"])
    static let notice = "UNVERIFIED: these are the bundle's claims; nothing here has been checked. Run 'artefact verify'."

    static func run(_ arguments: ScannedArguments) throws -> Int32 {
        let path = try arguments.singlePositional(named: "a SIGNATURE_FILE", command: name)
        try ModelPathMistakes.checkBundlePath(path)
        let bytes = try SignatureBundle.readBytes(path: path)
        if OMSBundle.claimsOMS(bytes) { return try OMSInspection.show(bytes, path: path, json: arguments.has("--json")) }
        let bundle = try SignatureBundle.decode(bytes, source: path)
        let manifest = try ModelStatement.decode(payload: bundle.envelope.payload)
        let keyIDs = bundle.envelope.signatures.map(\.keyID)
        if arguments.has("--json") {
            Console.outJSON(jsonObject([
                ("verified", .bool(false)),
                ("notice", .string(notice)),
                ("bundle", .string(path)),
                ("model", ManifestSummaryJSON.encode(manifest)),
                ("signatureKeyIDs", .array(keyIDs.map(JSONValue.string))),
                ("hashing", jsonObject([("algorithm", .string(HashingParameters.algorithm)),
                                        ("mode", .string(manifest.hashing.modeName)),
                                        ("shardSize", manifest.hashing.shardSize.map(JSONValue.integer) ?? .null)])),
                ("ignore", .array(manifest.ignore.map(JSONValue.string))),
                ("files", .array(manifest.contents.files.map(\.json))),
                ("symlinks", .array(manifest.contents.symlinks.map(\.json))),
            ]), ok: true)
            return ExitStatus.success
        }
        var text: TerminalText = """
        \(notice)
        name:           \(manifest.name)
        version:        \(manifest.version ?? "(none)")
        classification: \(manifest.classification.rawValue)
        created:        \(manifest.createdAt)
        expires:        \(manifest.expiresAt?.description ?? "(never)")
        model digest:   \(manifest.modelDigest.prefixed)
        hashing:        sha256, \(manifest.hashing.modeName)\(manifest.hashing.shardSize.map { " of \($0) bytes" } ?? "")
        ignore:         \(manifest.ignore.joined(separator: " "))
        signer key ids: \(keyIDs.joined(separator: ", "))
        files (\(manifest.contents.files.count), \(ProgressReporter.format(bytes: manifest.contents.totalBytes))):

        """
        for file in manifest.contents.files { text += "  \(file.digest.combined.hex)  \(file.size)  \(file.path)\n" }
        for link in manifest.contents.symlinks { text += "  symlink  \(link.path) -> \(link.target)\n" }
        Console.out(text)
        return ExitStatus.success
    }
}
