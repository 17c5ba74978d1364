import ArtefactCore
import Foundation
import Testing

/// Whoever can write a store cannot rewrite its crossing log and have the next crossing
/// sign over the forgery: every writer checks the log against its last signed checkpoint,
/// with the audit key the policy anchors, before doing any work, and refuses with exit 3
/// and one line naming the problem. Nothing is published, exported, collected or logged,
/// and `audit verify` reports the same problem.
@Suite struct AuditAppendGuardTests {
    /// Every file under `directory` with its bytes (symlinks by target), for "nothing changed".
    private func snapshot(_ directory: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in listing(directory) {
            let path = "\(directory)/\(name)"
            let type = try FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType
            if type == .typeRegular { files[name] = try Data(contentsOf: URL(fileURLWithPath: path)) }
            if type == .typeSymbolicLink { files[name] = Data(try FileManager.default.destinationOfSymbolicLink(atPath: path).utf8) }
            if type == .typeDirectory { files[name + "/"] = Data() }
        }
        return files
    }

    private func expectRefused(_ result: CLIResult, world: AuditWorld, problem: String, sourceLocation: SourceLocation = #_sourceLocation) {
        expectOperationalFailure(result, mentioning: ["the crossing log of store \(world.store) does not verify", problem,
                                                      "nothing was done or logged", "Recovering a crossing log"],
                                 sourceLocation: sourceLocation)
        #expect(result.errorLines.count == 1, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
    }

    @Test(arguments: AuditForgery.allCases)
    func aTransferIntoAStoreWhoseLogWasForgedIsRefusedBeforeAnyWork(_ forgery: AuditForgery) throws {
        let world = try AuditWorld()
        let problem = try world.apply(forgery)
        let before = try snapshot(world.store)

        expectRefused(try world.run(.transferIn), world: world, problem: problem)
        #expect(try snapshot(world.store) == before, "the refused transfer changed the store")
        #expect(try world.fixture.labels(world.store) == ["resnet@1.0.0", "resnet@1.1.0"])

        expectRejected(try world.fixture.run(["audit", "verify", world.store]), check: "audit log of \(world.store)", mentioning: [problem])
        // A second attempt is refused the same way: the refusal left nothing behind that heals the log.
        expectRefused(try world.run(.transferIn), world: world, problem: problem)
        #expect(try snapshot(world.store) == before)
    }

    @Test(arguments: [AuditWriter.transferOut, .export, .gc], [AuditForgery.truncateTheLastEntry, .rechainAfterAnEdit, .replaceAuditPubAndResign])
    func everyWriterRefusesAForgedLog(_ writer: AuditWriter, _ forgery: AuditForgery) throws {
        let world = try AuditWorld()
        // gc must not even start: an unreferenced blob stays where it is.
        try world.fixture.scratch.write("store/blobs/sha256/\(String(repeating: "ab", count: 32))", "unreferenced")
        let problem = try world.apply(forgery)
        let before = try snapshot(world.store)
        let otherBefore = try snapshot(world.otherStore)

        expectRefused(try world.run(writer), world: world, problem: problem)
        #expect(try snapshot(world.store) == before, "the refused \(writer) changed the store")
        #expect(try snapshot(world.otherStore) == otherBefore, "the refused \(writer) changed the destination store")
        #expect(!world.fixture.scratch.exists("exported"))
        expectAccepted(try world.fixture.run(["audit", "verify", world.otherStore]))
    }

    @Test func auditExportOfAForgedLogIsRejectedAndSignsNothing() throws {
        let world = try AuditWorld()
        let problem = try world.apply(.replaceAuditPubAndResign)
        let before = try snapshot(world.store)
        expectRejected(try world.fixture.run(["audit", "export", world.store]), check: "not exporting a damaged log", mentioning: [problem])
        #expect(try snapshot(world.store) == before)
    }

    @Test func aTransferOutOfAStoreWhoseDestinationLogWasForgedLeavesTheSourceUnchanged() throws {
        let world = try AuditWorld()
        try world.fixture.transferAccepted(world.nextModel, world.otherStore)
        // Forge the destination's log this time: the source's log gets no transfer-out entry.
        let destination = AuditLogForger(store: world.otherStore)
        let lines = try destination.lines()
        try destination.write(Array(lines.dropLast()))
        let sourceBefore = try snapshot(world.store)
        let result = try world.fixture.transfer(world.store, world.otherStore, ["--model", "resnet@1.1.0"])
        expectOperationalFailure(result, mentioning: ["the crossing log of store \(world.otherStore) does not verify", "cut off the end"])
        #expect(try snapshot(world.store) == sourceBefore)
        #expect(try world.fixture.labels(world.otherStore) == ["resnet@1.2.0"])
    }

    @Test func anIntactLogKeepsWorkingForEveryWriter() throws {
        let world = try AuditWorld()
        for writer in AuditWriter.allCases {
            expectAccepted(try world.run(writer))
        }
        let verify = try world.fixture.run(["audit", "verify", world.store])
        expectAccepted(verify)
        #expect(verify.stdout.contains("is intact: 7 entries, signed checkpoint covers 7"), "\(verify.stdout)")
        let actions = try world.fixture.auditEntries(world.store).compactMap { $0["action"] as? String }
        #expect(actions == ["store-init", "transfer-in", "transfer-in", "transfer-in", "transfer-out", "export", "gc"])
    }
}
