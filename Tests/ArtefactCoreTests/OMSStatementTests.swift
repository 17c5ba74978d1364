import ArtefactCore
import Foundation
import Testing

/// The OMS statement parser and the subject-digest rule (model_signing's
/// `_signing/signing.py`): driven with payloads written the way model_signing 1.1.1 writes
/// them, then with each hostile variation alone.
@Suite struct OMSStatementTests {
    /// The digests of "hello\n", of "" and of "x", as model_signing lists them.
    static let hello = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"
    static let empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    static let x = "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"

    /// The SHA-256 of the concatenated digest bytes, in the order given.
    static func root(_ hexes: [String]) -> String {
        SHA256Hasher.digest(hexes.flatMap { Hex.decode($0)! }).hex
    }

    /// A files-serialization payload; each argument replaces one part of it.
    static func payload(resources: [(String, String)] = [("a.txt", hello), ("d1/d2/empty", empty)], subjectDigest: String? = nil,
                        serialization: String = #"{"hash_type": "sha256", "ignore_paths": ["model.sig", ".git"], "method": "files", "allow_symlinks": false}"#,
                        algorithm: String = "sha256", predicateExtra: String = "", statementType: String = "https://in-toto.io/Statement/v1")
        -> [UInt8] {
        let listed = resources.map { #"{"digest": "\#($0.1)", "name": "\#($0.0)", "algorithm": "\#(algorithm)"}"# }.joined(separator: ", ")
        let digest = subjectDigest ?? root(resources.map(\.1))
        return Array("""
        {"_type": "\(statementType)", "subject": [{"name": "m", "digest": {"sha256": "\(digest)"}}],
         "predicateType": "https://model_signing/signature/v1.0",
         "predicate": {"resources": [\(listed)], "serialization": \(serialization)\(predicateExtra)}}
        """.utf8)
    }

    static func rejection(_ payload: [UInt8]) -> String? {
        do {
            _ = try OMSStatement.decode(payload: payload)
            return nil
        } catch let error as ArtefactError {
            #expect(error.kind == .rejected)
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test func aModelSigningPayloadDecodes() throws {
        let statement = try OMSStatement.decode(payload: Self.payload())
        #expect(statement.name == "m")
        #expect(statement.serialization == OMSSerialization(method: .files, shardSize: nil, allowSymlinks: false, ignorePaths: ["model.sig", ".git"]))
        #expect(statement.resources.map(\.key.name) == ["a.txt", "d1/d2/empty"])
        #expect(statement.rootDigest.hex == Self.root([Self.hello, Self.empty]))
    }

    /// The subject digest is over the digests in the listed order: the same resources listed
    /// the other way round, under the first order's digest, reject.
    @Test func theSubjectDigestCoversTheDigestsInOrder() {
        let forward = Self.root([Self.hello, Self.x])
        #expect(Self.rejection(Self.payload(resources: [("a", Self.hello), ("b", Self.x)], subjectDigest: forward)) == nil)
        #expect(Self.rejection(Self.payload(resources: [("b", Self.x), ("a", Self.hello)], subjectDigest: forward))?.contains("subject digest") == true)
        #expect(Self.rejection(Self.payload(subjectDigest: Self.empty))?.contains("subject digest") == true)
        #expect(forward == SHA256Hasher.digest(Hex.decode(Self.hello)! + Hex.decode(Self.x)!).hex)
    }

    @Test func shardsParseWithAFloatShardSize() throws {
        let serialization = #"{"allow_symlinks": true, "shard_size": 1024.0, "method": "shards", "hash_type": "sha256"}"#
        let statement = try OMSStatement.decode(payload: Self.payload(resources: [("w.bin:0:1024", Self.x), ("w.bin:1024:1500", Self.hello)],
                                                                      serialization: serialization, algorithm: "sha256-sharded-1024"))
        #expect(statement.serialization.shardSize == 1024)
        #expect(statement.resources.map(\.key) == [OMSResourceKey(path: "w.bin", range: 0..<1024), OMSResourceKey(path: "w.bin", range: 1024..<1500)])
        for bad in ["1024.5", "0", "-1024", "\"1024\""] {
            let shards = #"{"allow_symlinks": true, "shard_size": \#(bad), "method": "shards", "hash_type": "sha256"}"#
            #expect(Self.rejection(Self.payload(resources: [("w.bin:0:1", Self.x)], serialization: shards, algorithm: "sha256-sharded-1024")) != nil, "\(bad)")
        }
        // The algorithm must be the one the shard size implies.
        #expect(Self.rejection(Self.payload(resources: [("w.bin:0:1", Self.x)], serialization: serialization))?.contains("sha256-sharded-1024") == true)
    }

    @Test func malformedShardNamesReject() {
        let serialization = #"{"allow_symlinks": false, "shard_size": 10, "method": "shards", "hash_type": "sha256"}"#
        for name in ["w.bin", "w.bin:0", "w.bin:0:10:20", "w.bin:01:10", "w.bin:5:5", "w.bin:+0:10", "w.bin: 0:10", "../w.bin:0:10", "w.bin:0:99999999999999999999"] {
            #expect(Self.rejection(Self.payload(resources: [(name, Self.x)], serialization: serialization, algorithm: "sha256-sharded-10")) != nil, "\(name)")
        }
    }

    @Test func hostileNamesAndDuplicatesReject() {
        for name in ["../escape", "/etc/passwd", "a/../../b", "./a", "a//b", ""] {
            #expect(Self.rejection(Self.payload(resources: [(name, Self.x)])) != nil, "\(name)")
        }
        #expect(Self.rejection(Self.payload(resources: [("a", Self.x), ("a", Self.x)]))?.contains("twice") == true)
        #expect(Self.rejection(Self.payload(resources: []))?.contains("signs no file") == true)
        let ignoreAll = #"{"hash_type": "sha256", "ignore_paths": ["."], "method": "files", "allow_symlinks": false}"#
        #expect(Self.rejection(Self.payload(serialization: ignoreAll))?.contains("ignore path") == true)
    }

    @Test func unknownMembersDuplicateKeysAndUnsupportedValuesReject() {
        #expect(Self.rejection(Self.payload(predicateExtra: #", "model_card": {}"#))?.contains("model_card") == true)
        #expect(Self.rejection(Self.payload(predicateExtra: #", "resources": []"#)) != nil)
        let blake = #"{"hash_type": "blake2b", "method": "files", "allow_symlinks": false}"#
        #expect(Self.rejection(Self.payload(serialization: blake))?.contains("blake2b") == true)
        let method = #"{"hash_type": "sha256", "method": "tensors", "allow_symlinks": false}"#
        #expect(Self.rejection(Self.payload(serialization: method)) != nil)
        let extraSerialization = #"{"hash_type": "sha256", "method": "files", "allow_symlinks": false, "chunk_size": 1}"#
        #expect(Self.rejection(Self.payload(serialization: extraSerialization))?.contains("chunk_size") == true)
        #expect(Self.rejection(Self.payload(statementType: "https://in-toto.io/Statement/v0.1")) != nil)
    }

    /// What artefact writes reads back the same, sorted as model_signing sorts: by path
    /// components (so `a/b` before `a.b`), then by shard offsets as numbers.
    @Test func writtenStatementsRoundTripInModelSigningOrder() throws {
        let digest = try #require(SHA256Digest(hex: Self.x))
        let serialization = OMSSerialization(method: .shards, shardSize: 4, allowSymlinks: false, ignorePaths: ["model.sig"])
        let keys = [OMSResourceKey(path: "a.b", range: 0..<4), OMSResourceKey(path: "a/b", range: 12..<13),
                    OMSResourceKey(path: "a/b", range: 4..<8), OMSResourceKey(path: "a/b", range: 8..<12)]
        let statement = OMSStatement(name: "m", serialization: serialization, resources: keys.map { OMSResource(key: $0, digest: digest) })
        #expect(statement.resources.map(\.key.name) == ["a/b:4:8", "a/b:8:12", "a/b:12:13", "a.b:0:4"])
        let decoded = try OMSStatement.decode(payload: statement.payload)
        #expect(decoded == statement)
    }

    @Test func bundlesRefuseWhatArtefactDoesNotVerify() throws {
        let payload = Base64.encode(Self.payload())
        func bundle(material: String = #"{"publicKey": {"hint": "\#(Self.x)"}, "tlogEntries": []}"#,
                    signatures: String = #"[{"sig": "MEQCIA==", "keyid": ""}]"#) -> [UInt8] {
            Array("""
            {"mediaType": "application/vnd.dev.sigstore.bundle.v0.3+json", "verificationMaterial": \(material),
             "dsseEnvelope": {"payload": "\(payload)", "payloadType": "application/vnd.in-toto+json", "signatures": \(signatures)}}
            """.utf8)
        }
        #expect(OMSBundle.claimsOMS(bundle()))
        #expect(try OMSBundle.decode(bundle()).publicKeyHint == Self.x)
        let refused = [
            bundle(material: #"{"certificate": {"rawBytes": "AA=="}, "tlogEntries": []}"#),
            bundle(material: #"{"publicKey": {"hint": "\#(Self.x)", "rawBytes": "AA=="}}"#),
            bundle(material: #"{"publicKey": {}, "tlogEntries": [{}]}"#),
            bundle(material: #"{"publicKey": {}, "timestampVerificationData": {}}"#),
            bundle(material: #"{"publicKey": {}, "transparency": 1}"#),
            bundle(signatures: #"[{"sig": "MEQCIA==", "keyid": ""}, {"sig": "MEQCIA==", "keyid": ""}]"#),
            bundle(signatures: #"[{"sig": "MEQCIA==", "sig": "MEQCIA=="}]"#),
        ]
        for bytes in refused {
            #expect(throws: ArtefactError.self) { try OMSBundle.decode(bytes) }
        }
    }
}
