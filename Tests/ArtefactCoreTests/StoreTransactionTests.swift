@testable import ArtefactCore
import Foundation
import Testing

/// `ModelStore.withLock` and the transactions built on it: each logs its own entry, only
/// onto a log that verifies, and logs nothing when its work fails.
@Suite struct StoreTransactionTests {
    private struct Refused: Error {}

    @Test func creatingAStoreBeginsItsLogWithStoreInit() throws {
        let scratch = try ScratchStores()
        defer { scratch.remove() }
        let store = try scratch.makeStore("store")
        let entries = try store.auditLog(passphrase: nil).entries()
        #expect(entries.map(\.action) == [.storeInit])
        #expect(entries.first?.destination?.location == store.endpoint.location)
    }

    @Test func withLockAppendsTheEntryItsWorkReturns() throws {
        let scratch = try ScratchStores()
        defer { scratch.remove() }
        let store = try scratch.makeStore("store")
        let log = try store.auditLog(passphrase: nil)
        let answer = try store.withLock(logging: log) { (42, AuditDraft(action: .gc, destination: store.endpoint, result: .ok, reason: "work")) }
        #expect(answer == 42)
        let entries = try log.entries()
        #expect(entries.map(\.action) == [.storeInit, .gc])
        #expect(entries.last?.reason == "work")
        #expect(try AuditVerifier.verify(log).isIntact)
    }

    @Test func workThatFailsIsNotLogged() throws {
        let scratch = try ScratchStores()
        defer { scratch.remove() }
        let store = try scratch.makeStore("store")
        let log = try store.auditLog(passphrase: nil)
        #expect(throws: Refused.self) {
            try store.withLock(logging: log) { () throws -> (result: Int, entry: AuditDraft) in throw Refused() }
        }
        #expect(try log.entries().count == 1)
    }

    @Test func aDamagedLogStopsTheTransactionBeforeItsWork() throws {
        let scratch = try ScratchStores()
        defer { scratch.remove() }
        let store = try scratch.makeStore("store")
        let log = try store.auditLog(passphrase: nil)
        var line = try log.readLines()[0]
        line[line.count / 2] ^= 0x01
        try Data(line + [UInt8(ascii: "\n")]).write(to: URL(fileURLWithPath: store.layout.auditLog))
        var ran = false
        let error = #expect(throws: ArtefactError.self) {
            try store.withLock(logging: log) { ran = true; return ((), AuditDraft(action: .gc, result: .ok, reason: "work")) }
        }
        #expect(error?.kind == .operational)
        #expect(!ran)
    }

    @Test func garbageCollectionLogsGC() throws {
        let scratch = try ScratchStores()
        defer { scratch.remove() }
        let store = try scratch.makeStore("store")
        let result = try store.collectGarbage(auditPassphrase: nil)
        let entries = try store.auditLog(passphrase: nil).entries()
        #expect(entries.map(\.action) == [.storeInit, .gc])
        #expect(entries.last?.reason == "removed \(result.removedBlobs) blob(s) and \(result.removedPartials) partial upload(s)")
    }

    @Test func exportingTheLogSignsNothingWithoutAKeyAndAppendsNothing() throws {
        let scratch = try ScratchStores()
        defer { scratch.remove() }
        let store = try scratch.makeStore("store")
        let document = try AuditExport.document(of: store, auditPassphrase: nil)
        guard case .object(let members) = document else { Issue.record("not an object"); return }
        #expect(members.first { $0.0 == "checkpoint" }?.1 == .null)
        #expect(try store.auditLog(passphrase: nil).entries().count == 1)
    }
}
