import Glibc

/// What a caller says about a crossing; the log adds the sequence number, time, user,
/// host and chain hash.
public struct AuditDraft: Sendable {
    public var action: String
    public var model: AuditModel?
    public var source: AuditEndpoint?
    public var destination: AuditEndpoint?
    public var signers: [String]
    public var result: String
    public var reason: String
    public var transferID: String?

    public init(action: String, model: AuditModel? = nil, source: AuditEndpoint? = nil, destination: AuditEndpoint? = nil,
                signers: [String] = [], result: String, reason: String, transferID: String? = nil) {
        self.action = action
        self.model = model
        self.source = source
        self.destination = destination
        self.signers = signers
        self.result = result
        self.reason = reason
        self.transferID = transferID
    }
}

/// A store's append-only, hash-chained crossing log (`artefact/audit.log`, one JSON entry
/// per line), with an Ed25519-signed checkpoint after every append when the store has an
/// audit key. Appends happen under the store lock.
public struct AuditLog: Sendable {
    public static let genesisHash = SHA256Hasher.digest(Array("artefact-audit-genesis-v1".utf8)).hex
    public static let maximumSize = 1 << 30

    public let layout: StoreLayout
    /// The key that signs checkpoints, when the store has one and it is available.
    public let checkpointKey: SigningKey?

    public init(layout: StoreLayout, checkpointKey: SigningKey?) {
        self.layout = layout
        self.checkpointKey = checkpointKey
    }

    /// Appends one entry, syncs it, and signs a new checkpoint.
    @discardableResult
    public func append(_ draft: AuditDraft) throws -> AuditEntry {
        let lines = try readLines()
        let previous = lines.last.map { SHA256Hasher.digest($0).hex } ?? Self.genesisHash
        let entry = AuditEntry(
            sequence: Int64(lines.count + 1), time: .now, action: draft.action, model: draft.model, source: draft.source,
            destination: draft.destination, signers: draft.signers, user: Self.userName, host: Self.hostName,
            result: draft.result, reason: draft.reason, transferID: draft.transferID, previousHash: previous)
        let line = entry.line
        do {
            let file = try layout.directory.openFile(StoreLayout.Relative.auditLog, O_WRONLY | O_APPEND | O_CREAT, mode: 0o644)
            defer { file.close() }
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

    /// Signs a checkpoint over the log as it is now (nil without an audit key).
    public func checkpointNow() throws -> AuditCheckpoint? {
        guard let checkpointKey else { return nil }
        let lines = try readLines()
        let head = lines.last.map { SHA256Hasher.digest($0).hex } ?? Self.genesisHash
        try writeCheckpoint(count: Int64(lines.count), headHash: head, key: checkpointKey)
        return try AuditCheckpoint.decode(layout.read(StoreLayout.Relative.auditCheckpoint, limit: 1 << 20))
    }

    func writeCheckpoint(count: Int64, headHash: String, key: SigningKey) throws {
        let checkpoint = try AuditCheckpoint.make(count: count, headHash: headHash, time: .now, key: key)
        try layout.write(StoreLayout.Relative.auditCheckpoint, JSONWriter.pretty(checkpoint.json))
    }

    /// The raw lines of the log, without their newlines.
    public func readLines() throws -> [[UInt8]] {
        guard try layout.has(StoreLayout.Relative.auditLog) else { return [] }
        let bytes = try layout.read(StoreLayout.Relative.auditLog, limit: Self.maximumSize)
        return bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast(bytes.last == UInt8(ascii: "\n") ? 1 : 0)
            .map(Array.init)
    }

    /// The entries, decoded; a line that does not decode is a verification failure.
    public func entries() throws -> [AuditEntry] {
        try readLines().enumerated().map { try AuditEntry.decode($1, number: $0 + 1) }
    }

    static var userName: String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid \(geteuid())"
    }

    static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
