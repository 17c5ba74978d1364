import ArtefactCore

/// `artefact diff`: how two stores have drifted apart.
enum DiffCommand: Command {
    static let name = "diff"
    static let summary = "show models and versions that differ between two stores"
    static let help = """
    Usage: artefact diff STORE_A STORE_B [--json]

    Lists the model versions present in one store and not the other, any name@version
    whose digest differs, and the newest version of each model on each side.

      --json   print the differences as JSON

    """
    static let flags = FlagSpec(boolean: ["--json"])

    static func run(_ arguments: ScannedArguments) throws -> Int32 {
        guard arguments.positionals.count == 2 else { throw ArtefactError.usage("'diff' takes two stores: STORE_A STORE_B") }
        let first = try ModelStore.open(arguments.positionals[0])
        let second = try ModelStore.open(arguments.positionals[1])
        let diff = StoreDiff(try first.index(), try second.index())
        if arguments.has("--json") {
            Console.outJSON(jsonObject([
                ("a", .string(first.layout.root)), ("b", .string(second.layout.root)), ("inSync", .bool(diff.isInSync)),
                ("onlyInA", .array(diff.onlyInFirst.map(StoredModelJSON.encode))),
                ("onlyInB", .array(diff.onlyInSecond.map(StoredModelJSON.encode))),
                ("digestDiffers", .array(diff.differing.map { pair in
                    jsonObject([("name", .string(pair.first.name)), ("version", pair.first.version.map(JSONValue.string) ?? .null),
                                ("a", .string(pair.first.modelDigest)), ("b", .string(pair.second.modelDigest))])
                })),
                ("newest", .array(diff.newest.map { entry in
                    jsonObject([("name", .string(entry.name)), ("a", entry.first.map(JSONValue.string) ?? .null),
                                ("b", entry.second.map(JSONValue.string) ?? .null)])
                })),
            ]), ok: true)
            return ExitStatus.success
        }
        var text: TerminalText = "A = \(first.layout.root) [\(first.configuration.environment)]\nB = \(second.layout.root) [\(second.configuration.environment)]\n"
        if diff.isInSync { text += "in sync: the same model versions with the same digests\n" }
        for model in diff.onlyInFirst { text += "only in A: \(model.label) \(model.modelDigest)\n" }
        for model in diff.onlyInSecond { text += "only in B: \(model.label) \(model.modelDigest)\n" }
        for pair in diff.differing { text += "DIGEST DIFFERS: \(pair.first.label): A \(pair.first.modelDigest), B \(pair.second.modelDigest)\n" }
        text += "newest versions:\n"
        for entry in diff.newest {
            let marker = ModelVersion.same(entry.first, entry.second) ? "" : "  (differs)"
            text += "  \(entry.name): A \(entry.first ?? "-"), B \(entry.second ?? "-")\(marker)\n"
        }
        Console.out(text)
        return ExitStatus.success
    }
}
