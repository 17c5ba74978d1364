import ArtefactCore
import Foundation
import Testing

/// Ways of rewriting the log or its checkpoint without the audit key.
enum AuditForgery: String, CaseIterable, Sendable {
    case truncateTheLastEntry, truncateToTheFirstEntry, emptyTheLog, deleteTheLog, rechainAfterAnEdit,
         deleteTheCheckpoint, checkpointSignedByAnotherKey, appendAnUnsignedEntry, replaceAuditPubAndResign, garbageCheckpoint
}

/// The crossing log's writers.
enum AuditWriter: String, CaseIterable, Sendable {
    case transferIn, transferOut, export, gc
}

/// For crossing-log tests: a store whose log holds store-init and two accepted transfers
/// (with signed checkpoints unless `signedCheckpoints` is false), a model ready for a
/// third, a second store, and a key that is not the store's audit key.
final class AuditWorld {
    let fixture: StoreFixture
    let store: String
    let otherStore: String
    let nextModel: String
    let forger: KeyPair

    init(signedCheckpoints: Bool = true) throws {
        let fixture = try StoreFixture()
        self.fixture = fixture
        store = try fixture.makeStore("store", signedCheckpoints: signedCheckpoints)
        otherStore = try fixture.makeStore("other")
        for version in ["1.0.0", "1.1.0"] {
            let model = try fixture.signedModel("model-\(version)", name: "resnet", version: version, weightBytes: 2048) { model in
                try fixture.overwrite("config.json", in: model, with: #"{"release":"\#(version)"}"#)
            }
            try fixture.transferAccepted(model, store)
        }
        nextModel = try fixture.signedModel("model-1.2.0", name: "resnet", version: "1.2.0", weightBytes: 2048) { model in
            try fixture.overwrite("config.json", in: model, with: #"{"release":"1.2.0"}"#)
        }
        forger = try KeyPair.generate(in: fixture.scratch, name: "forger")
        expectAccepted(try fixture.run(["audit", "verify", store]))
    }

    var log: AuditLogForger { AuditLogForger(store: store) }

    /// Applies `forgery` and returns what `audit verify` and the refusal must say.
    func apply(_ forgery: AuditForgery) throws -> String {
        let log = self.log
        let lines = try log.lines()
        try #require(lines.count == 3)
        switch forgery {
        case .truncateTheLastEntry:
            try log.write(Array(lines.dropLast()))
            return "the log has 2 entries but the signed checkpoint covers 3"
        case .truncateToTheFirstEntry:
            try log.write([lines[0]])
            return "the log has 1 entries but the signed checkpoint covers 3"
        case .emptyTheLog:
            try log.write([])
            return "the log is empty or missing"
        case .deleteTheLog:
            try FileManager.default.removeItem(atPath: log.logPath)
            return "the log is empty or missing"
        case .rechainAfterAnEdit:
            var edited = lines
            edited[1] = edited[1].replacingOccurrences(of: "published resnet@1.0.0", with: "published resnet@0.0.1")
            try #require(edited[1] != lines[1])
            try log.write(try AuditLogForger.rechain(edited, from: 2))
            return "entry 3 is not the one the signed checkpoint covers"
        case .deleteTheCheckpoint:
            try FileManager.default.removeItem(atPath: log.checkpointPath)
            return "there is no checkpoint"
        case .checkpointSignedByAnotherKey:
            try log.write(Array(lines.dropLast()))
            try log.signCheckpointOverTheLog(with: forger, scratch: fixture.scratch)
            return "the checkpoint's signature does not verify with the store's audit key"
        case .appendAnUnsignedEntry:
            try log.write(lines + [try AuditLogForger.forgedEntry(from: lines[2], sequence: 4, previous: AuditLogForger.sha256(lines[2]))])
            return "1 entry follows the last signed checkpoint"
        case .replaceAuditPubAndResign:
            // The whole forgery a store writer can make: a shorter log, their own key in
            // audit.pub, and a checkpoint that key signed. Only the anchored key tells.
            try log.write(Array(lines.dropLast()))
            try FileManager.default.removeItem(atPath: log.publicKeyPath)
            try FileManager.default.copyItem(atPath: forger.publicKey, toPath: log.publicKeyPath)
            try log.signCheckpointOverTheLog(with: forger, scratch: fixture.scratch)
            return "the checkpoint's signature does not verify with the store's audit key"
        case .garbageCheckpoint:
            try fixture.scratch.write("garbage", "not a checkpoint")
            try FileManager.default.removeItem(atPath: log.checkpointPath)
            try FileManager.default.copyItem(atPath: fixture.path("garbage"), toPath: log.checkpointPath)
            return "audit checkpoint: not valid JSON"
        }
    }

    /// Runs `writer` against the store.
    func run(_ writer: AuditWriter) throws -> CLIResult {
        switch writer {
        case .transferIn: return try fixture.transfer(nextModel, store)
        case .transferOut: return try fixture.transfer(store, otherStore, ["--model", "resnet@1.1.0"])
        case .export: return try fixture.transfer(store, fixture.path("exported"), ["--model", "resnet@1.1.0"])
        case .gc: return try fixture.run(["store", "gc", store])
        }
    }
}
