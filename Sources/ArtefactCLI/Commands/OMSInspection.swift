import ArtefactCore

/// `artefact inspect` for an OpenSSF Model Signing bundle: what its statement claims,
/// marked unverified like any inspection.
enum OMSInspection {
    static func show(_ bytes: [UInt8], path: String, json: Bool) throws -> Int32 {
        let bundle = try OMSBundle.decode(bytes)
        let statement = try OMSStatement.decode(payload: bundle.envelope.payload)
        let serialization = statement.serialization
        if json {
            Console.outJSON(jsonObject([
                ("verified", .bool(false)),
                ("notice", .string(InspectCommand.notice)),
                ("bundle", .string(path)),
                ("format", .string(BundleFormat.oms.rawValue)),
                ("model", OMSSummaryJSON.encode(statement)),
                ("publicKeyHint", bundle.publicKeyHint.map(JSONValue.string) ?? .null),
                ("resources", .array(statement.resources.map { resource in
                    .object([("name", .string(resource.key.name)), ("path", .string(resource.key.path)),
                             ("sha256", .string(resource.digest.hex))])
                })),
            ]), ok: true)
            return ExitStatus.success
        }
        var text: TerminalText = """
        \(InspectCommand.notice)
        format:         OpenSSF Model Signing v1.0 (no version, classification or time is signed)
        name:           \(statement.name)
        subject digest: \(statement.rootDigest.prefixed)
        serialization:  \(serialization.method.rawValue), sha256\(serialization.shardSize.map { ", shards of \($0) bytes" } ?? "")\
        \(serialization.allowSymlinks ? ", symlinks followed" : "")
        ignore paths:   \(serialization.ignorePaths.joined(separator: " "))
        key hint:       \(bundle.publicKeyHint ?? "(none)")
        resources (\(statement.resources.count)):

        """
        for resource in statement.resources { text += "  \(resource.digest.hex)  \(resource.key.name)\n" }
        Console.out(text)
        return ExitStatus.success
    }
}
