/// Checks a crossing log: it is not empty (a store's log begins with its `store-init` or
/// `audit-recover` entry), every line decodes, sequence numbers run 1, 2, 3 ..., every
/// entry names the hash of the one before, and, with an anchored audit key, the signed
/// checkpoint verifies with that key and covers exactly the whole log. Edits, deletions,
/// insertions and reordering break the chain; truncation falls short of the checkpoint;
/// entries no checkpoint covers are reported, because whoever writes the store could have
/// written them. Every writer runs this before it appends, and `audit verify` runs it.
public enum AuditVerifier {
    public struct Result: Sendable {
        public let entryCount: Int
        public let checkpointCount: Int64?
        /// The key the checkpoint was checked with, or nil for a hash-chain-only log.
        public let anchor: AnchoredAuditKey?
        public let problems: [String]
        public var isIntact: Bool { problems.isEmpty }
    }

    public static func verify(_ log: AuditLog) throws -> Result {
        let lines = try log.readLines()
        var problems = try chainProblems(lines)
        var checkpointCount: Int64?
        let hasCheckpoint = try log.hasCheckpointFile()
        if let anchor = log.anchor {
            if !hasCheckpoint {
                problems.append("the store's log is signed with audit key \(anchor.key.keyID.prefix(16)) but there is no checkpoint: "
                                + "it was deleted, so the log cannot be checked for truncation or rewriting")
            } else {
                do {
                    let checkpoint = try log.readCheckpoint()
                    checkpointCount = checkpoint.count
                    if let problem = coverageProblem(checkpoint, lines: lines, anchor: anchor) { problems.append(problem) }
                } catch let error as ArtefactError {
                    problems.append(error.message)
                }
            }
        } else if hasCheckpoint {
            problems.append("the store holds a signed checkpoint but no audit key is configured to check or sign it: "
                            + "the store's audit key was removed from artefact/store.json, or the checkpoint was planted")
        }
        return Result(entryCount: lines.count, checkpointCount: checkpointCount, anchor: log.anchor, problems: problems)
    }

    /// What is wrong with the chain of lines itself (at most about 20 problems).
    static func chainProblems(_ lines: [[UInt8]]) throws -> [String] {
        guard !lines.isEmpty else {
            return ["the log is empty or missing: every store's log begins with its store-init entry, so entries were deleted"]
        }
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
        return problems
    }

    /// Whether the checkpoint is signed by the anchored key and covers exactly `lines`.
    static func coverageProblem(_ checkpoint: AuditCheckpoint, lines: [[UInt8]], anchor: AnchoredAuditKey) -> String? {
        let count = Int64(lines.count)
        if !checkpoint.isValid(for: anchor.key) {
            return "the checkpoint's signature does not verify with the store's audit key \(anchor.key.keyID.prefix(16)) "
                + "from \(anchor.originDescription): the checkpoint was forged or signed by another key"
        }
        if checkpoint.count > count {
            return "the log has \(count) entries but the signed checkpoint covers \(checkpoint.count): entries were cut off the end"
        }
        if checkpoint.count < 1 {
            return "the signed checkpoint covers \(checkpoint.count) entries, but every store's log begins with an entry: the log was replaced"
        }
        if SHA256Hasher.digest(lines[Int(checkpoint.count) - 1]).hex != checkpoint.headHash {
            return "entry \(checkpoint.count) is not the one the signed checkpoint covers: the log was rewritten"
        }
        if checkpoint.count < count {
            let extra = count - checkpoint.count
            return "\(extra) entr\(extra == 1 ? "y follows" : "ies follow") the last signed checkpoint: "
                + "appended without the audit key, or a writer died before signing"
        }
        return nil
    }
}
