import ArtefactCore
import Foundation
import Testing

/// Edits a store's crossing log and checkpoint by hand, as someone who can write the store
/// (but holds no trusted key) would: rewriting lines, re-chaining hashes, and signing
/// checkpoints with a key of their own through openssl.
struct AuditLogForger {
    let store: String

    var logPath: String { "\(store)/artefact/audit.log" }
    var checkpointPath: String { "\(store)/artefact/audit.checkpoint" }
    var publicKeyPath: String { "\(store)/artefact/audit.pub" }

    func lines() throws -> [String] {
        try String(contentsOfFile: logPath, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    func write(_ lines: [String]) throws {
        let text = lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: logPath))
    }

    static func sha256(_ line: String) -> String { SHA256Hasher.digest(Array(line.utf8)).hex }

    private static func encode(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
    }

    /// A well-formed entry built from `template`, with its own sequence number, chain link
    /// and reason, as a forger who knows the format would write it.
    static func forgedEntry(from template: String, sequence: Int, previous: String, reason: String = "published resnet@9.9.9") throws -> String {
        var entry = try jsonObject(template)
        entry["seq"] = sequence
        entry["prev"] = previous
        entry["reason"] = reason
        return try encode(entry)
    }

    /// Re-links every entry from `start` on to the one before, as a forger would after an
    /// edit or insertion, so the chain itself verifies.
    static func rechain(_ lines: [String], from start: Int) throws -> [String] {
        var lines = lines
        for index in start..<lines.count {
            var entry = try jsonObject(lines[index])
            entry["seq"] = index + 1
            entry["prev"] = index == 0 ? AuditLog.genesisHash : sha256(lines[index - 1])
            lines[index] = try encode(entry)
        }
        return lines
    }

    func checkpoint() throws -> [String: Any] { try jsonObject(try String(contentsOfFile: checkpointPath, encoding: .utf8)) }

    func writeCheckpoint(_ checkpoint: [String: Any]) throws {
        try JSONSerialization.data(withJSONObject: checkpoint).write(to: URL(fileURLWithPath: checkpointPath))
    }

    /// Writes a checkpoint over the log as it now stands, signed with `key` (not the
    /// store's audit key): well-formed in every way but the signer.
    func signCheckpointOverTheLog(with key: KeyPair, scratch: Scratch) throws {
        let lines = try lines()
        let head = lines.last.map(Self.sha256) ?? AuditLog.genesisHash
        let message = "artefact-audit-checkpoint-v1\n\(lines.count)\n\(head)\n"
        let name = "forged-\(UUID().uuidString)"
        try scratch.write("\(name).msg", message)
        let signed = try CLI.runTool("openssl", ["pkeyutl", "-sign", "-inkey", key.privateKey, "-passin", "env:ARTEFACT_PASSPHRASE",
                                                  "-rawin", "-in", scratch.path("\(name).msg"), "-out", scratch.path("\(name).sig")],
                                     environment: KeyPair.environment)
        guard signed.status == 0 else { throw FixtureError("openssl could not sign the forged checkpoint: \(signed.stderr)") }
        try writeCheckpoint(["count": lines.count, "head": head, "time": rfc3339(Date()), "keyid": try PublicKey.read(path: key.publicKey).keyID,
                             "sig": try scratch.read("\(name).sig").base64EncodedString()])
    }
}
