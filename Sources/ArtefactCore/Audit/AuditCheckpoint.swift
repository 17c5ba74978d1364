/// A signed statement of how long the log is and what its last entry hashes to. With a
/// checkpoint, cutting entries off the end of the log is detectable, not only editing them.
public struct AuditCheckpoint: Sendable {
    public static let domain = "artefact-audit-checkpoint-v1"

    public let count: Int64
    public let headHash: String
    public let time: Timestamp
    public let keyID: String
    public let signature: [UInt8]

    /// The bytes signed: the domain, the count and the head hash, one per line.
    public static func signedBytes(count: Int64, headHash: String) -> [UInt8] {
        Array("\(domain)\n\(count)\n\(headHash)\n".utf8)
    }

    public static func make(count: Int64, headHash: String, time: Timestamp, key: SigningKey) throws -> AuditCheckpoint {
        AuditCheckpoint(count: count, headHash: headHash, time: time, keyID: key.publicKey.keyID,
                        signature: try key.sign(signedBytes(count: count, headHash: headHash)))
    }

    public func isValid(for key: PublicKey) -> Bool {
        Ed25519.isValidSignature(signature, of: Self.signedBytes(count: count, headHash: headHash), publicKey: key.rawBytes)
    }

    public var json: JSONValue {
        jsonObject([("count", .integer(count)), ("head", .string(headHash)), ("time", .string(time.description)),
                    ("keyid", .string(keyID)), ("sig", .string(Base64.encode(signature)))])
    }

    public static func decode(_ bytes: [UInt8]) throws -> AuditCheckpoint {
        let failure = { @Sendable (message: String) in ArtefactError.rejected("audit checkpoint: \(message)") }
        let value: JSONValue
        do { value = try StrictJSONParser.parse(bytes) } catch { throw failure("not valid JSON: \(error)") }
        var reader = try JSONObjectReader(value, context: "checkpoint", failure: failure)
        let timeText = try reader.string("time")
        guard let time = Timestamp(rfc3339: timeText), let signature = Base64.decode(try reader.string("sig")) else {
            throw failure("bad time or signature encoding")
        }
        let checkpoint = AuditCheckpoint(count: try reader.integer("count"), headHash: try reader.string("head"), time: time,
                                         keyID: try reader.string("keyid"), signature: signature)
        try reader.rejectUnknownMembers()
        return checkpoint
    }
}
