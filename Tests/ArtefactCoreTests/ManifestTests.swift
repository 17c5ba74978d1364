import ArtefactCore
import Foundation
import Testing

@Suite struct ManifestTests {
    static let digestA = SHA256Hasher.digest(Array("a".utf8))
    static let digestB = SHA256Hasher.digest(Array("b".utf8))

    func manifest(files: [ModelFile], symlinks: [ModelSymlink] = [], hashing: HashingParameters = .files) throws -> ModelManifest {
        try ModelManifest(name: "m", version: "1.0", classification: .confidential,
                          createdAt: Timestamp(secondsSinceEpoch: 1_767_225_600), expiresAt: nil, hashing: hashing,
                          ignore: [".git/"], contents: ModelContents(files: files, symlinks: symlinks))
    }

    var baseFiles: [ModelFile] {
        [ModelFile(path: "a", size: 1, digest: .whole(Self.digestA)), ModelFile(path: "b", size: 1, digest: .whole(Self.digestB))]
    }

    @Test func payloadRoundTrips() throws {
        let original = try manifest(files: baseFiles, symlinks: [ModelSymlink(path: "c", target: "a")])
        #expect(try ModelStatement.decode(payload: ModelStatement.payload(for: original)) == original)
    }

    @Test func modelDigestChangesWithEveryPathSizeContentAndLink() throws {
        let base = try manifest(files: baseFiles).modelDigest
        let renamed = try manifest(files: [ModelFile(path: "a2", size: 1, digest: .whole(Self.digestA)), baseFiles[1]]).modelDigest
        let resized = try manifest(files: [ModelFile(path: "a", size: 2, digest: .whole(Self.digestA)), baseFiles[1]]).modelDigest
        let swapped = try manifest(files: [ModelFile(path: "a", size: 1, digest: .whole(Self.digestB)),
                                           ModelFile(path: "b", size: 1, digest: .whole(Self.digestA))]).modelDigest
        let linked = try manifest(files: baseFiles, symlinks: [ModelSymlink(path: "c", target: "a")]).modelDigest
        let relinked = try manifest(files: baseFiles, symlinks: [ModelSymlink(path: "c", target: "b")]).modelDigest
        let sharded = try manifest(files: baseFiles, hashing: try HashingParameters(shardSize: 1 << 20)).modelDigest
        #expect(Set([base, renamed, resized, swapped, linked, relinked, sharded]).count == 7)
    }

    /// Re-encodes the payload after `edit` changes the predicate object.
    func payload(editingPredicate edit: ([(String, JSONValue)]) -> [(String, JSONValue)]) throws -> [UInt8] {
        let original = try manifest(files: baseFiles)
        guard case .object(var statement) = try StrictJSONParser.parse(ModelStatement.payload(for: original)),
              let index = statement.firstIndex(where: { $0.0 == "predicate" }),
              case .object(let predicate) = statement[index].1
        else { throw FixtureFailure() }
        statement[index].1 = .object(edit(predicate))
        return JSONWriter.compact(.object(statement))
    }

    @Test func unknownPredicateFieldIsRejected() throws {
        let payload = try payload { $0 + [("surprise", .bool(true))] }
        #expect(throws: ArtefactError.rejected("signed payload: predicate has an unknown field \"surprise\"")) {
            try ModelStatement.decode(payload: payload)
        }
    }

    @Test func unknownStatementFieldIsIgnored() throws {
        let original = try manifest(files: baseFiles)
        guard case .object(let statement) = try StrictJSONParser.parse(ModelStatement.payload(for: original)) else { throw FixtureFailure() }
        let extended = JSONWriter.compact(.object(statement + [("futureField", .string("x"))]))
        #expect(try ModelStatement.decode(payload: extended) == original)
    }

    @Test func duplicateKeyInPayloadIsRejected() throws {
        var text = String(decoding: ModelStatement.payload(for: try manifest(files: baseFiles)), as: UTF8.self)
        text = text.replacingFirst("\"classification\":\"confidential\"", with: "\"classification\":\"public\",\"classification\":\"confidential\"")
        #expect(throws: ArtefactError.self) { try ModelStatement.decode(payload: Array(text.utf8)) }
    }

    @Test func editedFileListNoLongerMatchesSubjectDigest() throws {
        let payload = try payload { predicate in
            predicate.map { key, value in
                key == "files" ? (key, .array([ModelFile(path: "a", size: 1, digest: .whole(Self.digestB)).json])) : (key, value)
            }
        }
        #expect(throws: ArtefactError.self) { try ModelStatement.decode(payload: payload) }
    }

    @Test func escapingPathsAndUnsortedListsAreRejected() throws {
        for files in [
            [ModelFile(path: "../x", size: 1, digest: .whole(Self.digestA))],
            [baseFiles[1], baseFiles[0]],
            [baseFiles[0], baseFiles[0]],
        ] {
            let payload = try payload { predicate in
                predicate.map { key, value in key == "files" ? (key, .array(files.map(\.json))) : (key, value) }
            }
            #expect(throws: ArtefactError.self) { try ModelStatement.decode(payload: payload) }
        }
    }

    @Test func normalizationTwinsAreRejected() throws {
        let composed = ModelFile(path: "caf\u{e9}", size: 1, digest: .whole(Self.digestA))
        let decomposed = ModelFile(path: "cafe\u{301}", size: 1, digest: .whole(Self.digestA))
        let payload = try payload { predicate in
            predicate.map { key, value in
                key == "files" ? (key, .array([decomposed.json, composed.json])) : (key, value)
            }
        }
        #expect(throws: ArtefactError.self) { try ModelStatement.decode(payload: payload) }
    }
}

struct FixtureFailure: Error {}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
