import ArtefactCore
import Foundation
import Testing

/// The one shape check every manifest passes when it is made or decoded (see
/// `Docs/FORMAT.md`, "Tree shape"): driven through `ModelManifest.init`, which signing
/// and decoding share.
@Suite struct ManifestShapeTests {
    static let digest = SHA256Hasher.digest(Array("x".utf8))

    /// The problem the shape check finds, or nil when the manifest is accepted.
    func problem(files: [String] = ["config.json"], links: [(String, String)] = [],
                 ignore: [String] = [".git/"]) -> String? {
        do {
            _ = try ModelManifest(
                name: "m", version: "1.0.0", classification: .internal, createdAt: Timestamp(secondsSinceEpoch: 1_767_225_600),
                expiresAt: nil, hashing: .files, ignore: ignore,
                contents: ModelContents(files: files.map { ModelFile(path: $0, size: 1, digest: .whole(Self.digest)) },
                                        symlinks: links.map { ModelSymlink(path: $0.0, target: $0.1) }))
            return nil
        } catch let error as ArtefactError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test func ordinaryTreesPass() {
        #expect(problem() == nil)
        #expect(problem(files: ["a/b/c", "a/d"], links: [("latest", "a/b/c"), ("a/e", "../a/d"), ("a/f", "./b/../d")]) == nil)
        // A link to a link to a directory, then down again: inside.
        #expect(problem(files: ["w/x"], links: [("cur", "w"), ("alias", "cur/x"), ("self", ".")]) == nil)
        // Dangling but inside; and a name the list lacks taken as a directory, undone by `..`.
        #expect(problem(links: [("dangling", "missing.bin"), ("back", "missing/../config.json")]) == nil)
        // A chain of 40 links is allowed, as the kernel allows it.
        let chain = (0..<40).map { ("l\($0)", $0 == 39 ? "config.json" : "l\($0 + 1)") }
        #expect(problem(links: chain) == nil)
    }

    @Test(arguments: ["model\u{85}.bin", "a\u{7f}b", "tab\there", "nul\u{0}"])
    func controlCharactersInPathsAreRefused(_ path: String) throws {
        let found = try #require(problem(files: ["config.json", path]))
        #expect(found.contains("control character") || found.contains("NUL"), "\(found)")
    }

    @Test(arguments: ["config.json\u{0}", "\u{1b}[2J", "conf\u{9b}ig", "a\nb", ""])
    func badLinkTargetsAreRefused(_ target: String) throws {
        let found = try #require(problem(links: [("latest", target)]))
        #expect(found.contains("symlink latest"), "\(found)")
    }

    @Test func entriesUnderSymlinksOrFilesAreRefused() {
        #expect(problem(files: ["d/a/x", "d/x"], links: [("d/a", "x")])?.contains("d/a/x lies under d/a, which is a symlink") == true)
        #expect(problem(links: [("s", "."), ("s/t", "..")])?.contains("s/t lies under s, which is a symlink") == true)
        #expect(problem(files: ["a", "a/b"])?.contains("a/b lies under a, which is a file") == true)
        #expect(problem(files: ["a"], links: [("a/b", "..")])?.contains("a/b lies under a") == true)
    }

    @Test func signedPathsTheSignedPatternsIgnoreAreRefused() {
        #expect(problem(files: [".git/config", "config.json"])?.contains(".git") == true)
        #expect(problem(files: ["config.json", "x.tmp"], ignore: ["*.tmp"])?.contains("x.tmp is signed") == true)
        #expect(problem(files: ["config.json", "logs/a"], ignore: ["logs/"])?.contains("logs") == true)
        #expect(problem(links: [("cache", "config.json")], ignore: ["/cache"])?.contains("cache is signed") == true)
        // A directory-only pattern does not match a file of that name.
        #expect(problem(files: ["config.json", "logs"], ignore: ["logs/"]) == nil)
    }

    @Test func linksThatLeaveTheModelOnceResolvedAreRefused() {
        let escapes: [[(String, String)]] = [
            [("d/0", ".."), ("d/a", "0/..")],
            [("here", "."), ("up", "here/..")],
            [("up", "..")],
            [("abs", "/etc/passwd")],
            [("first", "second"), ("second", "/")],
            [("x/y/z", "../u/.."), ("x/u", "../..")],
            [("deep", "a/../../b")],
        ]
        for links in escapes {
            let found = problem(files: ["config.json", "d/f", "x/y/f"], links: links)
            #expect(found?.contains("outside the model") == true, "\(links): \(found ?? "accepted")")
        }
    }

    @Test func loopsAndPathsThroughFilesAreRefused() {
        #expect(problem(links: [("a", "b"), ("b", "a")])?.contains("loop") == true)
        #expect(problem(links: [("self", "self")])?.contains("loop") == true)
        #expect(problem(links: [("t", "config.json/..")])?.contains("config.json, which is a file") == true)
        #expect(problem(links: [("t", "config.json/.")])?.contains("which is a file") == true)
        let chain = (0..<41).map { ("l\($0)", $0 == 40 ? "config.json" : "l\($0 + 1)") }
        #expect(problem(links: chain)?.contains("loop") == true)
    }

    /// Anchored patterns are matched only at the depths they can match; the answers must be
    /// those of matching every directory's whole path.
    @Test func anchoredPatternsAtDepthAreMatchedAsTheWalkMatchesThem() {
        #expect(problem(files: ["a/b/c", "config.json"], ignore: ["a/b/"])?.contains("the directory a/b") == true)
        #expect(problem(files: ["x/a/b/c", "config.json"], ignore: ["a/b/"]) == nil)
        #expect(problem(files: ["build/x"], ignore: ["/build"])?.contains("the directory build") == true)
        #expect(problem(files: ["src/build/x"], ignore: ["/build"]) == nil)
        #expect(problem(files: ["m/w/t/x"], ignore: ["m/*/t"])?.contains("the directory m/w/t") == true)
        // Brackets that hold `/` leave the depth open: every directory is then matched whole.
        #expect(problem(files: ["axb/c"], ignore: ["a[!/]b/", "/z"])?.contains("the directory axb") == true)
        #expect(problem(files: ["q/axb/c"], ignore: ["q/a[!/]b"])?.contains("the directory q/axb") == true)
    }

    @Test func pathsAndTargetsLongerThanLinuxAllowsAreRefused() {
        let name = String(repeating: "n", count: 256)
        #expect(problem(files: [name])?.contains("longer than 255 bytes") == true)
        let deep = Array(repeating: "d", count: 2049).joined(separator: "/")
        #expect(problem(files: [deep])?.contains("more than 4095 bytes") == true)
        #expect(problem(links: [("l", String(repeating: "a/", count: 2048) + "x")])?.contains("more than 4095 bytes") == true)
        #expect(problem(files: [Array(repeating: "d", count: 2047).joined(separator: "/")]) == nil)
    }

    /// A chain of thousands of links is refused as a loop without deep recursion.
    @Test func longChainsAreLoopsWithoutDeepRecursion() {
        let chain = (0..<5000).map { ("l\($0)", $0 == 4999 ? "config.json" : "l\($0 + 1)") }
        #expect(problem(links: chain)?.contains("loop") == true)
    }

    /// The decoder refuses the same payloads, as a rejection of the signed payload.
    @Test func decodingRejectsWhatTheShapeCheckRefuses() throws {
        let good = try ModelManifest(
            name: "m", version: "1.0.0", classification: .internal, createdAt: Timestamp(secondsSinceEpoch: 1_767_225_600),
            expiresAt: nil, hashing: .files, ignore: [".git/"],
            contents: ModelContents(files: [ModelFile(path: "config.json", size: 1, digest: .whole(Self.digest))],
                                    symlinks: [ModelSymlink(path: "latest", target: "config.json")]))
        let payload = String(decoding: ModelStatement.payload(for: good), as: UTF8.self)
        let hostile = payload.replacingOccurrences(of: #""target":"config.json""#, with: #""target":"/etc""#)
        #expect(hostile != payload)
        #expect(throws: ArtefactError.self) { try ModelStatement.decode(payload: Array(hostile.utf8)) }
        do {
            _ = try ModelStatement.decode(payload: Array(hostile.utf8))
        } catch let error as ArtefactError {
            #expect(error.kind == .rejected)
            #expect(error.message.contains("symlink latest -> /etc"))
        }
    }
}
