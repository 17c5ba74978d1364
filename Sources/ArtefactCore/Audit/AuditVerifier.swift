/// Checks a crossing log: every line decodes, sequence numbers run 1, 2, 3 ..., every
/// entry names the hash of the one before, and (when the store has an audit key) the
/// signed checkpoint covers the log's length and head. Edits, deletions, insertions and
/// reordering break the chain; truncation falls short of the checkpoint.
public enum AuditVerifier {
    public struct Result: Sendable {
        public let entryCount: Int
        public let checkpointCount: Int64?
        public let problems: [String]
        public var isIntact: Bool { problems.isEmpty }
    }

    public static func verify(_ log: AuditLog, auditKey: PublicKey?) throws -> Result {
        let lines = try log.readLines()
        var problems: [String] = []
        var previous = AuditLog.genesisHash
        for (index, line) in lines.enumerated() {
            let number = index + 1
            do {
                let entry = try AuditEntry.decode(line, number: number)
                if entry.sequence != Int64(number) {
                    problems.append("entry \(number) carries sequence number \(entry.sequence): entries were deleted, inserted or reordered")
                }
                if entry.previousHash != previous {
                    problems.append("entry \(number) does not follow from entry \(number - 1): the chain is broken (an entry was edited, deleted, inserted or reordered)")
                }
            } catch let error as ArtefactError {
                problems.append(error.message)
            }
            previous = SHA256Hasher.digest(line).hex
            if problems.count >= 20 { break }
        }
        var checkpointCount: Int64?
        if let auditKey {
            if try !log.layout.has(StoreLayout.Relative.auditCheckpoint) {
                if !lines.isEmpty { problems.append("the store has an audit key but no checkpoint: the log cannot be checked for truncation") }
            } else {
                do {
                    let checkpoint = try AuditCheckpoint.decode(log.layout.read(StoreLayout.Relative.auditCheckpoint, limit: 1 << 20))
                    checkpointCount = checkpoint.count
                    if !checkpoint.isValid(for: auditKey) {
                        problems.append("the checkpoint's signature does not verify with the store's audit key")
                    } else if checkpoint.count > Int64(lines.count) {
                        problems.append("the log has \(lines.count) entries but the signed checkpoint covers \(checkpoint.count): entries were cut off the end")
                    } else if checkpoint.count > 0 && SHA256Hasher.digest(lines[Int(checkpoint.count) - 1]).hex != checkpoint.headHash {
                        problems.append("entry \(checkpoint.count) is not the one the signed checkpoint covers: the log was rewritten")
                    } else if checkpoint.count < Int64(lines.count) {
                        problems.append("\(Int64(lines.count) - checkpoint.count) entr\(Int64(lines.count) - checkpoint.count == 1 ? "y follows" : "ies follow") the last signed checkpoint: appended without the audit key, or a writer died before signing")
                    }
                } catch let error as ArtefactError {
                    problems.append(error.message)
                }
            }
        }
        return Result(entryCount: lines.count, checkpointCount: checkpointCount, problems: problems)
    }
}
