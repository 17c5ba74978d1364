/// A store's append-only, hash-chained crossing log (`artefact/audit.log`, one JSON entry
/// per line), with an Ed25519-signed checkpoint after every append when the store has an
/// audit key. Appends happen under the store lock, and only onto a log that verifies
/// against its last signed checkpoint with the anchored key: a writer never signs a
/// checkpoint over a log someone else rewrote.
public struct AuditLog: Sendable {
    public static let genesisHash = SHA256Hasher.digest(Array("artefact-audit-genesis-v1".utf8)).hex
    public static let maximumSize = 1 << 30

    public let layout: StoreLayout
    /// The key that signs checkpoints, when the store has one and it is available.
    public let checkpointKey: SigningKey?
    /// The key checkpoints must verify with, read from outside the store; nil for a
    /// hash-chain-only log.
    public let anchor: AnchoredAuditKey?

    public init(layout: StoreLayout, checkpointKey: SigningKey?, anchor: AnchoredAuditKey? = nil) {
        self.layout = layout
        self.checkpointKey = checkpointKey
        self.anchor = anchor
    }

    /// Fails (operational, exit 3) unless the log verifies against its last signed
    /// checkpoint; every writer calls this before doing any work, under the store lock.
    public func requireIntact() throws {
        let result = try AuditVerifier.verify(self)
        guard result.isIntact else { throw Self.damaged(layout, result.problems[0]) }
    }

    /// The error of a writer that found the log damaged.
    static func damaged(_ layout: StoreLayout, _ problem: String) -> ArtefactError {
        .operational("the crossing log of store \(layout.root) does not verify, so nothing was done or logged: \(problem); "
                     + "see \"Recovering a crossing log\" in Docs/STORE.md ('artefact audit verify', then 'artefact audit recover')")
    }

    /// Appends one entry to a log that verifies, syncs it, and signs a new checkpoint.
    @discardableResult
    public func append(_ draft: AuditDraft) throws -> AuditEntry {
        try requireIntact()
        return try write(draft, after: try readLines())
    }

    /// Writes the first entry of a new log (`store init`, or a new segment after
    /// `audit recover`); refuses when a log or a checkpoint is already there.
    @discardableResult
    public func begin(_ draft: AuditDraft) throws -> AuditEntry {
        guard try !hasLogFile(), try !hasCheckpointFile() else {
            throw ArtefactError.operational("store \(layout.root) already has a crossing log; a new one is begun only by store init or audit recover")
        }
        return try write(draft, after: [])
    }

    private func write(_ draft: AuditDraft, after lines: [[UInt8]]) throws -> AuditEntry {
        let previous = lines.last.map { SHA256Hasher.digest($0).hex } ?? Self.genesisHash
        let entry = AuditEntry(
            sequence: Int64(lines.count + 1), time: .now, action: draft.action, model: draft.model, source: draft.source,
            destination: draft.destination, signers: draft.signers, user: Self.userName, host: Self.hostName,
            result: draft.result, reason: draft.reason, transferID: draft.transferID, previousHash: previous)
        let line = entry.line
        do {
            let file = try layout.directory.openForAppending(StoreLayout.Relative.auditLog)
            try file.writeAll(line + [UInt8(ascii: "\n")])
            try file.sync()
        } catch {
            throw error.asArtefactError
        }
        if let checkpointKey {
            try writeCheckpoint(count: entry.sequence, headHash: SHA256Hasher.digest(line).hex, key: checkpointKey)
        }
        return entry
    }

    /// Signs a checkpoint over the log as it is now (nil without an audit key), after
    /// checking that the log verifies against the last one.
    public func checkpointNow() throws -> AuditCheckpoint? {
        guard let checkpointKey else { return nil }
        try requireIntact()
        let lines = try readLines()
        let head = lines.last.map { SHA256Hasher.digest($0).hex } ?? Self.genesisHash
        try writeCheckpoint(count: Int64(lines.count), headHash: head, key: checkpointKey)
        return try readCheckpoint()
    }

    // MARK: The log's files (appends are in write(_:after:)); never through a symlink

    /// Whether `artefact/audit.log` is there.
    func hasLogFile() throws -> Bool { try layout.has(StoreLayout.Relative.auditLog) }

    /// Whether `artefact/audit.checkpoint` is there.
    func hasCheckpointFile() throws -> Bool { try layout.has(StoreLayout.Relative.auditCheckpoint) }

    /// The checkpoint, decoded (a rejection when it does not decode).
    func readCheckpoint() throws -> AuditCheckpoint {
        try AuditCheckpoint.decode(layout.read(StoreLayout.Relative.auditCheckpoint, limit: 1 << 20))
    }

    /// The log file's bytes.
    func readLogBytes() throws -> [UInt8] {
        try layout.read(StoreLayout.Relative.auditLog, limit: Self.maximumSize)
    }

    /// Renames the log file or the checkpoint file (`relative` is
    /// `StoreLayout.Relative.auditLog` or `.auditCheckpoint`) to `NAME.broken-STAMP`, never
    /// over an existing file; returns the new path (for messages).
    func setAside(_ relative: String, stamp: String) throws -> String {
        var target = "\(relative).broken-\(stamp)"
        var attempt = 1
        while true {
            do {
                try layout.directory.renameWithoutReplacing(relative, to: target)
                return "\(layout.root)/\(target)"
            } catch where error.isAlreadyExisting && attempt < 100 {
                attempt += 1
                target = "\(relative).broken-\(stamp)-\(attempt)"
            } catch {
                throw error.asArtefactError
            }
        }
    }

    func writeCheckpoint(count: Int64, headHash: String, key: SigningKey) throws {
        let checkpoint = try AuditCheckpoint.make(count: count, headHash: headHash, time: .now, key: key)
        try layout.write(StoreLayout.Relative.auditCheckpoint, JSONWriter.pretty(checkpoint.json))
    }

    /// The raw lines of the log, without their newlines.
    public func readLines() throws -> [[UInt8]] {
        guard try hasLogFile() else { return [] }
        let bytes = try readLogBytes()
        guard !bytes.isEmpty else { return [] }
        return bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast(bytes.last == UInt8(ascii: "\n") ? 1 : 0)
            .map(Array.init)
    }

    /// The entries, decoded; a line that does not decode is a verification failure.
    public func entries() throws -> [AuditEntry] {
        try readLines().enumerated().map { try AuditEntry.decode($1, number: $0 + 1) }
    }

    static var userName: String { ProcessIdentity.userName }
    static var hostName: String { ProcessIdentity.hostName }
}
