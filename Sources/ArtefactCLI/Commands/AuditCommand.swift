import ArtefactCore

/// `artefact audit show|verify|export|recover`: read, check and recover a store's crossing log.
enum AuditCommand: Command {
    static let name = "audit"
    static let summary = "show, verify, export and recover a store's tamper-evident crossing log"
    static let help = """
    Usage: artefact audit show DIR [--json] [--since TIME]
           artefact audit verify DIR [--json] [--audit-key PUBLIC_KEY]
           artefact audit export DIR [--json]
           artefact audit recover DIR [--json] [--note TEXT] [--audit-key PRIVATE_KEY]

      show     the entries, oldest first (--since: only those at or after TIME)
      verify   check the hash chain and the signed checkpoint: an edited, deleted,
               reordered, inserted, unsigned or cut-off entry is reported (exit 1). The
               checkpoint is checked with the key anchored outside the store: --audit-key,
               else the policy's "audit_key" (exit 2 when the store signs checkpoints and
               neither names a key); never with the store's own audit.pub
      export   sign a fresh checkpoint (when the store has an audit key) and print it with
               every entry as one JSON document, for another environment or a SIEM
      recover  for a log that no longer verifies: keep it (renamed aside), and begin a new
               log whose first entry records the break (see Docs/STORE.md, "Recovering a
               crossing log"); --note adds the operator's words to that entry;
               --audit-key signs the new log with a new private audit key (it must be
               the policy's audit_key) and records it in the store's configuration

    """
    static let subcommands = ["show", "verify", "export", "recover"]
    static let flags = FlagSpec(valued: ["--since", "--audit-key", "--note"], boolean: ["--json"])

    static func run(_ arguments: ScannedArguments) throws -> Int32 {
        guard let subcommand = arguments.positionals.first else {
            throw ArtefactError.usage("'audit' needs a subcommand: show, verify, export or recover")
        }
        guard arguments.positionals.count == 2 else {
            throw ArtefactError.usage("'audit \(subcommand)' takes one store directory; see 'artefact audit --help'")
        }
        guard let allowed = flagsBySubcommand[subcommand] else {
            // Before the store is opened: a mistyped subcommand is the mistake to report.
            let hint = NearestName.hint(for: subcommand, among: Self.subcommands)
            throw ArtefactError.usage("unknown audit subcommand '\(subcommand)'\(hint); use show, verify, export or recover")
        }
        // Flags, and --since's value, before the store is opened: a usage error is reported as such.
        try arguments.allowOnly(allowed, subcommand: "audit \(subcommand)")
        let since = try arguments.value("--since").map { try ArgumentValues.moment($0, flag: "--since") }
        let store = try ModelStore.open(arguments.positionals[1])
        switch subcommand {
        case "show":
            return try show(store, since: since, json: arguments.has("--json"))
        case "verify":
            return try verify(store, json: arguments.has("--json"), explicitKey: arguments.value("--audit-key"))
        case "export":
            // The export is JSON with or without --json, which it takes so every verb does.
            return try export(store)
        default:
            return try recover(store, note: arguments.value("--note"), newKeyPath: arguments.value("--audit-key"),
                               json: arguments.has("--json"))
        }
    }

    /// The flags each subcommand takes.
    private static let flagsBySubcommand: [String: Set<String>] = [
        "show": ["--json", "--since"], "verify": ["--json", "--audit-key"], "export": ["--json"],
        "recover": ["--json", "--note", "--audit-key"],
    ]

    private static func show(_ store: ModelStore, since: Timestamp?, json: Bool) throws -> Int32 {
        let entries = try AuditLog(layout: store.layout, checkpointKey: nil).entries().filter { since == nil || $0.time >= since! }
        if json {
            Console.outJSON(jsonObject([("store", .string(store.layout.root)), ("entries", .array(entries.map(\.json)))]), ok: true)
            return ExitStatus.success
        }
        var text: TerminalText = ""
        for entry in entries {
            let model = entry.model.map { "\($0.name)\($0.version.map { "@" + $0 } ?? "")\($0.versionSource.map { " (version asserted by \($0))" } ?? "")" } ?? "-"
            let route = [entry.source, entry.destination].compactMap { $0.map { "\($0.location)\($0.environment.map { " [\($0)]" } ?? "")" } }
                .joined(separator: " -> ")
            text += "\(entry.sequence)  \(entry.time)  \(entry.action)  \(entry.result)  \(model)  \(route)  \(entry.user)@\(entry.host)"
                + "\(entry.transferID.map { "  id \($0)" } ?? "")\n    \(entry.reason)\n"
        }
        Console.out(text.isEmpty ? "no entries\n" : text)
        return ExitStatus.success
    }

    private static func verify(_ store: ModelStore, json: Bool, explicitKey: String?) throws -> Int32 {
        let result = try AuditVerifier.verify(try store.auditLogForChecking(explicitKey: explicitKey))
        if json {
            Console.outJSON(jsonObject([
                ("store", .string(store.layout.root)), ("intact", .bool(result.isIntact)), ("entries", .integer(result.entryCount)),
                ("checkpointCount", result.checkpointCount.map(JSONValue.integer) ?? .null),
                ("signedCheckpoints", .bool(result.anchor != nil)),
                ("auditKey", result.anchor?.json ?? .null),
                ("problems", .array(result.problems.map(JSONValue.string))),
            ]), ok: result.isIntact)
        } else if result.isIntact {
            let coverage: TerminalText = result.checkpointCount.map { count -> TerminalText in ", signed checkpoint covers \(count)" } ?? ""
            let key: TerminalText = result.anchor.map { anchor -> TerminalText in
                "\nchecked with audit key \(anchor.key.keyID) from \(anchor.originDescription)"
            } ?? " (no audit key: truncation is not detectable)"
            Console.out("audit log of \(store.layout.root) is intact: \(result.entryCount) entries\(coverage)\(key)\n")
        }
        guard result.isIntact else {
            ArtefactCommandLine.report(.rejected("audit log of \(store.layout.root): \(result.problems[0])"
                + (result.problems.count > 1 ? " (and \(result.problems.count - 1) more problem(s))" : "")))
            return ExitStatus.rejected
        }
        return ExitStatus.success
    }

    private static func export(_ store: ModelStore) throws -> Int32 {
        Console.outJSON(try AuditExport.document(of: store, auditPassphrase: PassphraseSource.auditKeyPassphrase()), ok: true)
        return ExitStatus.success
    }

    private static func recover(_ store: ModelStore, note: String?, newKeyPath: String?, json: Bool) throws -> Int32 {
        let passphrase = try PassphraseSource.auditKeyPassphrase()
        let newKey = try newKeyPath.map { path in (path: path, key: try PrivateKeyFile.read(path: path, passphrase: passphrase)) }
        let outcome = try AuditRecovery.recover(store, note: note, newKey: newKey, auditPassphrase: passphrase)
        if json {
            Console.outJSON(jsonObject([
                ("store", .string(store.layout.root)), ("problems", .array(outcome.problems.map(JSONValue.string))),
                ("archivedLog", outcome.archivedLog.map(JSONValue.string) ?? .null),
                ("archivedCheckpoint", outcome.archivedCheckpoint.map(JSONValue.string) ?? .null),
                ("auditKey", outcome.anchor?.json ?? .null),
            ]), ok: true)
            return ExitStatus.success
        }
        var text: TerminalText = "the crossing log of \(store.layout.root) did not verify: \(outcome.problems[0])\n"
        if let archived = outcome.archivedLog { text += "kept the damaged log as \(archived)\n" }
        if let archived = outcome.archivedCheckpoint { text += "kept its checkpoint as \(archived)\n" }
        let signing: TerminalText = outcome.anchor.map { anchor -> TerminalText in
            ", signed with audit key \(anchor.key.keyID) from \(anchor.originDescription)"
        } ?? " (no audit key: hash chain only)"
        text += "began a new log: entry 1 (audit-recover) records the break\(signing)\n"
        Console.out(text)
        return ExitStatus.success
    }
}
