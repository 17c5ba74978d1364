import ArtefactCore

/// `artefact audit show|verify|export`: read and check a store's crossing log.
enum AuditCommand: Command {
    static let name = "audit"
    static let summary = "show, verify and export a store's tamper-evident crossing log"
    static let help = """
    Usage: artefact audit show DIR [--json] [--since TIME]
           artefact audit verify DIR [--json]
           artefact audit export DIR

      show     the entries, oldest first (--since: only those at or after TIME)
      verify   check the hash chain and the signed checkpoint: an edited, deleted,
               reordered, inserted or cut-off entry is reported (exit 1)
      export   sign a fresh checkpoint (when the store has an audit key) and print it with
               every entry as one JSON document, for another environment or a SIEM

    """
    static let flags = FlagSpec(valued: ["--since"], boolean: ["--json"])

    static func run(_ arguments: ScannedArguments) throws -> Int32 {
        guard let subcommand = arguments.positionals.first else {
            throw ArtefactError.badInput("'audit' needs a subcommand: show, verify or export")
        }
        guard arguments.positionals.count == 2 else {
            throw ArtefactError.badInput("'audit \(subcommand)' takes one store directory; see 'artefact audit --help'")
        }
        let store = try ModelStore.open(arguments.positionals[1])
        switch subcommand {
        case "show":
            try arguments.allowOnly(["--json", "--since"], subcommand: "audit show")
            return try show(store, arguments)
        case "verify":
            try arguments.allowOnly(["--json"], subcommand: "audit verify")
            return try verify(store, json: arguments.has("--json"))
        case "export":
            try arguments.allowOnly([], subcommand: "audit export")
            return try export(store)
        default:
            throw ArtefactError.badInput("unknown audit subcommand '\(subcommand)'; use show, verify or export")
        }
    }

    private static func show(_ store: ModelStore, _ arguments: ScannedArguments) throws -> Int32 {
        let since = try arguments.value("--since").map { try ArgumentValues.moment($0) }
        let entries = try AuditLog(layout: store.layout, checkpointKey: nil).entries().filter { since == nil || $0.time >= since! }
        if arguments.has("--json") {
            Console.outJSON(.array(entries.map(\.json)))
            return ExitStatus.success
        }
        var text: TerminalText = ""
        for entry in entries {
            let model = entry.model.map { "\($0.name)\($0.version.map { "@" + $0 } ?? "")" } ?? "-"
            let route = [entry.source, entry.destination].compactMap { $0.map { "\($0.location)\($0.environment.map { " [\($0)]" } ?? "")" } }
                .joined(separator: " -> ")
            text += "\(entry.sequence)  \(entry.time)  \(entry.action)  \(entry.result)  \(model)  \(route)  \(entry.user)@\(entry.host)"
                + "\(entry.transferID.map { "  id \($0)" } ?? "")\n    \(entry.reason)\n"
        }
        Console.out(text.isEmpty ? "no entries\n" : text)
        return ExitStatus.success
    }

    private static func verify(_ store: ModelStore, json: Bool) throws -> Int32 {
        let result = try AuditVerifier.verify(AuditLog(layout: store.layout, checkpointKey: nil), auditKey: store.auditPublicKey)
        if json {
            Console.outJSON(jsonObject([
                ("store", .string(store.layout.root)), ("intact", .bool(result.isIntact)), ("entries", .integer(result.entryCount)),
                ("checkpointCount", result.checkpointCount.map(JSONValue.integer) ?? .null),
                ("signedCheckpoints", .bool(store.auditPublicKey != nil)),
                ("problems", .array(result.problems.map(JSONValue.string))),
            ]))
        } else if result.isIntact {
            let coverage = result.checkpointCount.map { ", signed checkpoint covers \($0)" } ?? (store.auditPublicKey == nil ? " (no audit key: truncation is not detectable)" : "")
            Console.out("audit log of \(store.layout.root) is intact: \(result.entryCount) entries\(coverage)\n")
        }
        guard result.isIntact else {
            ArtefactCommandLine.report(.rejected("audit log of \(store.layout.root): \(result.problems[0])"
                + (result.problems.count > 1 ? " (and \(result.problems.count - 1) more problem(s))" : "")))
            return ExitStatus.rejected
        }
        return ExitStatus.success
    }

    private static func export(_ store: ModelStore) throws -> Int32 {
        let log = try store.auditLog(passphrase: PassphraseSource.auditKeyPassphrase())
        let document = try withExtendedLifetime(try StoreLock(layout: store.layout)) { () throws -> JSONValue in
            let verification = try AuditVerifier.verify(log, auditKey: store.auditPublicKey)
            guard verification.isIntact else {
                throw ArtefactError.rejected("not exporting a damaged log: \(verification.problems[0])")
            }
            let checkpoint = try log.checkpointNow()
            return jsonObject([
                ("store", .string(store.layout.root)), ("environment", .string(store.configuration.environment)),
                ("exportedAt", .string(Timestamp.now.description)),
                ("auditKey", store.auditPublicKey.map { .string($0.keyID) } ?? .null),
                ("checkpoint", checkpoint?.json ?? .null),
                ("entries", .array(try log.entries().map(\.json))),
            ])
        }
        Console.outJSON(document)
        return ExitStatus.success
    }
}
