import ArtefactCore
import Foundation
import Testing

/// In-process checks of the crossing log's rules: an append only onto a log that verifies
/// against its last signed checkpoint with the anchored key, a log begun only once, and a
/// recovery that keeps the damaged log and begins a new signed one.
@Suite struct AuditLogGuardTests {
    /// A directory with `artefact/` in it and a log of three entries signed with `key`.
    private func makeLog() throws -> (root: String, log: AuditLog, key: SigningKey) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: "\(root)/artefact", withIntermediateDirectories: true)
        let key = try SigningKey.generate()
        let log = AuditLog(layout: try StoreLayout(opening: root), checkpointKey: key,
                           anchor: AnchoredAuditKey(key: key.publicKey, origin: .commandLine(keyFile: "anchor.pub")))
        try log.begin(AuditDraft(action: .storeInit, result: .ok, reason: "created"))
        try log.append(AuditDraft(action: .gc, result: .ok, reason: "first"))
        try log.append(AuditDraft(action: .gc, result: .ok, reason: "second"))
        return (root, log, key)
    }

    private func rewriteLog(_ log: AuditLog, _ change: ([[UInt8]]) -> [[UInt8]]) throws {
        let lines = change(try log.readLines())
        let bytes = lines.flatMap { $0 + [UInt8(ascii: "\n")] }
        try Data(bytes).write(to: URL(fileURLWithPath: log.layout.auditLog))
    }

    @Test func anIntactLogTakesAppendsAndStaysIntact() throws {
        let (root, log, _) = try makeLog()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = try AuditVerifier.verify(log)
        #expect(result.isIntact, "\(result.problems)")
        #expect(result.entryCount == 3 && result.checkpointCount == 3)
        #expect(throws: ArtefactError.self) { try log.begin(AuditDraft(action: .storeInit, result: .ok, reason: "again")) }
    }

    @Test func appendsOntoAShortenedOrExtendedLogAreRefused() throws {
        for change in [{ (lines: [[UInt8]]) in Array(lines.dropLast()) }, { (lines: [[UInt8]]) in lines + [lines[2]] }, { _ in [] }] {
            let (root, log, _) = try makeLog()
            defer { try? FileManager.default.removeItem(atPath: root) }
            try rewriteLog(log, change)
            let before = try log.readLines()
            do {
                try log.append(AuditDraft(action: .gc, result: .ok, reason: "laundering"))
                Issue.record("an append onto a damaged log was not refused")
            } catch let error as ArtefactError {
                #expect(error.kind == .operational)
                #expect(error.message.contains("does not verify"), "\(error.message)")
            }
            #expect(throws: ArtefactError.self) { try log.checkpointNow() }
            #expect(try log.readLines() == before, "a refused append changed the log")
        }
    }

    @Test func aCheckpointIsOnlyTrustedUnderTheAnchoredKey() throws {
        let (root, log, _) = try makeLog()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let stranger = try SigningKey.generate()
        let otherAnchor = AuditLog(layout: log.layout, checkpointKey: nil,
                                   anchor: AnchoredAuditKey(key: stranger.publicKey, origin: .commandLine(keyFile: "other.pub")))
        let result = try AuditVerifier.verify(otherAnchor)
        #expect(result.problems.first?.contains("signature does not verify") == true, "\(result.problems)")
        let unanchored = AuditLog(layout: log.layout, checkpointKey: nil, anchor: nil)
        #expect(try AuditVerifier.verify(unanchored).problems.first?.contains("no audit key is configured") == true)
    }

    @Test func recoveryKeepsTheDamagedLogAndBeginsANewSignedSegment() throws {
        let (root, log, _) = try makeLog()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(throws: ArtefactError.self) { try AuditRecovery.requireDamaged(log) }
        try rewriteLog(log) { Array($0.dropLast()) }
        let damaged = try Data(contentsOf: URL(fileURLWithPath: log.layout.auditLog))
        let damage = try AuditRecovery.requireDamaged(log)
        let outcome = try AuditRecovery.beginNewSegment(log, damage: damage, endpoint: AuditEndpoint(location: root, environment: "test"),
                                                        note: "drill")
        #expect(try Data(contentsOf: URL(fileURLWithPath: try #require(outcome.archivedLog))) == damaged)
        #expect(outcome.archivedCheckpoint != nil)
        #expect(outcome.entry.sequence == 1 && outcome.entry.action == .auditRecover)
        #expect(try AuditVerifier.verify(log).isIntact)
        try log.append(AuditDraft(action: .gc, result: .ok, reason: "after recovery"))
        #expect(try AuditVerifier.verify(log).entryCount == 2)
    }
}
