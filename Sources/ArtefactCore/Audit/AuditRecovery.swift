/// Starts a new segment of a crossing log that no longer verifies (`audit recover`). The
/// damaged log and its checkpoint are kept, renamed aside, never edited or deleted; the new
/// log's first entry (`audit-recover`) records the break: what was wrong, the archived
/// file's SHA-256 and length, and what its checkpoint covered. The new log is signed with
/// the anchored audit key from its first entry. `recover` does it all under the store
/// lock: checks the damage (`requireDamaged`), may record a new audit key, and begins the
/// new segment (`beginNewSegment`).
///
/// Recovery is explicit because nothing can tell a crashed writer's unsigned entry, or a
/// lost checkpoint, from a forgery by whoever writes the store: an operator must look.
public enum AuditRecovery {
    public struct Outcome: Sendable {
        /// What the verifier found, in the order it found it.
        public let problems: [String]
        /// Where the damaged log and checkpoint now are (nil when they were missing).
        public let archivedLog: String?
        public let archivedCheckpoint: String?
        /// The first entry of the new segment.
        public let entry: AuditEntry
        /// The key that signs the new segment's checkpoints (nil: hash chain only).
        public let anchor: AnchoredAuditKey?
    }

    /// `audit recover`: under the store lock, refuses a log that verifies, records
    /// `newKey` (`--audit-key`) as the store's audit key when given, and begins a new
    /// segment signed with it (or with the configured key, read with `auditPassphrase`).
    public static func recover(_ store: ModelStore, note: String?, newKey: (path: String, key: SigningKey)?,
                               auditPassphrase: SecretBytes?) throws -> Outcome {
        let log = try newKey.map { try store.auditLog(signingWith: $0.key, keyPath: $0.path) }
            ?? store.auditLog(passphrase: auditPassphrase)
        return try store.whileLocked {
            let damage = try requireDamaged(log)
            if let newKey, let key = log.checkpointKey { try store.recordAuditKey(path: newKey.path, key: key) }
            return try beginNewSegment(log, damage: damage, endpoint: store.endpoint, note: note)
        }
    }

    /// The log's problems; fails (bad input) when it verifies and there is nothing to recover.
    public static func requireDamaged(_ log: AuditLog) throws -> AuditVerifier.Result {
        let verification = try AuditVerifier.verify(log)
        guard !verification.isIntact else {
            throw ArtefactError.badInput("the crossing log of store \(log.layout.root) verifies (\(verification.entryCount) entries); there is nothing to recover")
        }
        return verification
    }

    /// Renames the damaged log and checkpoint aside and begins the new segment.
    public static func beginNewSegment(_ log: AuditLog, damage: AuditVerifier.Result, endpoint: AuditEndpoint, note: String?) throws -> Outcome {
        let stamp = compactStamp(.now)
        var facts: [String] = []
        var archivedLog: String?
        if try log.hasLogFile() {
            let bytes = try log.readLogBytes()
            archivedLog = try log.setAside(StoreLayout.Relative.auditLog, stamp: stamp)
            facts.append("the previous log is archived as artefact/\(FileSystem.baseName(archivedLog!)) "
                         + "(\(damage.entryCount) lines, \(bytes.count) bytes, sha256 \(SHA256Hasher.digest(bytes).hex))")
        } else {
            facts.append("there was no previous log file")
        }
        var archivedCheckpoint: String?
        if try log.hasCheckpointFile() {
            archivedCheckpoint = try log.setAside(StoreLayout.Relative.auditCheckpoint, stamp: stamp)
            let covered = damage.checkpointCount.map { "covered \($0) entries" } ?? "not checked"
            facts.append("its checkpoint, \(covered), as artefact/\(FileSystem.baseName(archivedCheckpoint!))")
        }
        if let anchor = log.anchor { facts.append("checkpoints are signed from here on with audit key \(anchor.key.keyID)") }
        let reason = "new log segment: the previous log did not verify (\(damage.problems[0])); " + facts.joined(separator: "; ")
            + (note.map { "; operator's note: \($0)" } ?? "")
        let entry = try log.begin(AuditDraft(action: .auditRecover, destination: endpoint, result: .ok, reason: reason))
        return Outcome(problems: damage.problems, archivedLog: archivedLog, archivedCheckpoint: archivedCheckpoint, entry: entry,
                       anchor: log.anchor)
    }

    /// `2026-12-03T09:30:00Z` as `20261203T093000Z`, for file names.
    static func compactStamp(_ time: Timestamp) -> String {
        time.description.filter { $0 != "-" && $0 != ":" }
    }
}
