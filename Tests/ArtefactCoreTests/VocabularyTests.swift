import ArtefactCore
import Foundation
import Testing

/// The typed vocabularies write exactly the words the documents promise (`verify --json`,
/// `transfer --json`, `artefact: rejected: CHECK:`, the audit log), and a log entry in a
/// word this version does not write is still read, and reproduced, as it stands.
@Suite struct VocabularyTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The text of `Docs/NAME` from `start` up to (not including) `end`.
    func documented(_ name: String, from start: String, to end: String) throws -> String {
        let text = try String(contentsOf: Self.repository.appendingPathComponent("Docs/\(name)"), encoding: .utf8)
        let from = try #require(text.range(of: start), "Docs/\(name) no longer says \"\(start)\"")
        let to = try #require(text.range(of: end, range: from.upperBound..<text.endIndex), "Docs/\(name): no \"\(end)\" after \"\(start)\"")
        return String(text[from.lowerBound..<to.lowerBound])
    }

    @Test func checkNamesAreTheDocumentedWords() throws {
        #expect(CheckName.verificationOrder.map(\.rawValue) == [
            "bundle", "chain", "revocation", "identity", "signature", "payload", "rule", "threshold",
            "classification", "expiry", "age", "integrity", "model-digest",
        ])
        #expect(CheckName.allCases.map(\.rawValue) == CheckName.verificationOrder.map(\.rawValue)
            + ["subject", "model", "version", "rollback", "occupied", "verification"])
        #expect(CheckName.certificateChecks.map(\.rawValue) == ["chain", "revocation", "identity"])
        // Messages interpolate the name: it must print as its word, not as the case.
        #expect(CheckName.allCases.allSatisfy { "\($0)" == $0.rawValue })
        let verifying = try documented("FORMAT.md", from: "## Verifying", to: "\n## ")
        for check in CheckName.verificationOrder {
            #expect(verifying.contains("`\(check.rawValue)`"), "FORMAT.md, Verifying, does not name check \(check.rawValue)")
        }
    }

    @Test func checkOutcomesAreTheDocumentedResults() throws {
        #expect(CheckOutcome.allCases.map(\.rawValue) == ["pass", "fail", "skipped"])
        let results = try documented("CLI.md", from: "- `result` is", to: "\n")
        #expect(results.contains("`pass`, `fail` or `skipped`"), "\(results)")
    }

    @Test func auditActionsAndResultsAreTheDocumentedWords() throws {
        #expect(AuditAction.written.map(\.rawValue) == ["store-init", "transfer-in", "transfer-out", "export", "gc", "audit-recover"])
        #expect(AuditResult.written.map(\.rawValue) == ["accepted", "rejected", "failed", "interrupted", "ok"])
        let bullet = try documented("FORMAT.md", from: "- `action` is", to: "Absent optional members")
        let actions = try #require(bullet.components(separatedBy: "`result` is").first)
        let results = try #require(bullet.components(separatedBy: "`result` is").last)
        for action in AuditAction.written { #expect(actions.contains("`\(action.rawValue)`"), "FORMAT.md does not list action \(action)") }
        for result in AuditResult.written { #expect(results.contains("`\(result.rawValue)`"), "FORMAT.md does not list result \(result)") }
        // Reading a word gives its case back, and prints as the word.
        #expect(AuditAction.written.allSatisfy { AuditAction(rawValue: $0.rawValue) == $0 && "\($0)" == $0.rawValue })
        #expect(AuditResult.written.allSatisfy { AuditResult(rawValue: $0.rawValue) == $0 && "\($0)" == $0.rawValue })
    }

    /// Reading never rejected an entry for its words (the chain and checkpoint protect the
    /// log), and it still does not: such an entry verifies and is shown byte for byte.
    @Test func anEntryInUnknownWordsIsReadAndReproducedAsItStands() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("vocabulary-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: "\(root)/artefact", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let written = AuditEntry(sequence: 1, time: Timestamp(secondsSinceEpoch: 1_780_000_000), action: .unrecognized("store-frobnicate"),
                                 model: nil, source: nil, destination: AuditEndpoint(location: root, environment: "lab"), signers: [],
                                 user: "ops", host: "build-7", result: .unrecognized("maybe"), reason: "from a later version",
                                 transferID: nil, previousHash: AuditLog.genesisHash)
        try Data(written.line + [UInt8(ascii: "\n")]).write(to: URL(fileURLWithPath: "\(root)/artefact/audit.log"))
        let log = AuditLog(layout: try StoreLayout(opening: root), checkpointKey: nil)
        let verification = try AuditVerifier.verify(log)
        #expect(verification.isIntact, "\(verification.problems)")
        let read = try #require(try log.entries().first)
        #expect(read.action == .unrecognized("store-frobnicate") && read.result == .unrecognized("maybe"))
        #expect(read.line == written.line)
        #expect(try log.readLines() == [written.line])
    }

    @Test func aDigestHasOnePrefixedFormAndOneParser() throws {
        let digest = SHA256Hasher.digest(Array("abc".utf8))
        #expect(digest.prefixed == "sha256:" + digest.hex)
        #expect(SHA256Digest(prefixed: digest.prefixed) == digest)
        for bad in [digest.hex, "SHA256:" + digest.hex, "sha256:" + digest.hex.uppercased(), "sha256:" + digest.hex.dropLast(),
                    "sha512:" + digest.hex, "sha256:", " sha256:" + digest.hex] {
            #expect(SHA256Digest(prefixed: bad) == nil, "\(bad)")
        }
    }
}
