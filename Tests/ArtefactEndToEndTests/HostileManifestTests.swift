import Foundation
import Testing

/// One validly signed payload whose file list could not exist on disk or leads outside
/// the model, and a fragment the rejection must name.
struct HostileCase: Sendable, CustomStringConvertible {
    let description: String
    let manifest: HostileManifest
    let naming: String

    init(_ description: String, naming: String, files: [(String, String)] = [("config.json", "{}")],
         symlinks: [(String, String)] = [], ignore: [String] = [".git/", "/model.sig"]) {
        self.description = description
        var manifest = HostileManifest()
        manifest.files = files.map { (path: $0.0, content: $0.1) }
        manifest.symlinks = symlinks.map { (path: $0.0, target: $0.1) }
        manifest.ignore = ignore
        self.manifest = manifest
        self.naming = naming
    }

    static let controlCharacters = [
        HostileCase("C1 control in a path", naming: #"model\u{85}.bin"#, files: [("config.json", "{}"), ("model\u{85}.bin", "w")]),
        HostileCase("DEL in a path", naming: #"weights\u{7f}.bin"#, files: [("config.json", "{}"), ("weights\u{7f}.bin", "w")]),
        HostileCase("NUL in a link target", naming: #"config.json\u{0}x"#, symlinks: [("latest", "config.json\u{0}x")]),
        HostileCase("ESC in a link target", naming: #"\u{1b}[31mconfig.json"#, symlinks: [("latest", "\u{1b}[31mconfig.json")]),
        HostileCase("CSI (C1) in a link target", naming: #"config\u{9b}.json"#, symlinks: [("latest", "config\u{9b}.json")]),
    ]

    static let impossibleTrees = [
        HostileCase("a file under a symlink", naming: "d/a/x", files: [("d/a/x", "1"), ("d/x", "2")], symlinks: [("d/a", "x")]),
        HostileCase("a symlink under a symlink", naming: "sub/loop", symlinks: [("sub", "."), ("sub/loop", "..")]),
        HostileCase("the issue's chain with an entry under it", naming: "d/a/x", files: [("d/a/x", "1")],
                    symlinks: [("d/0", ".."), ("d/a", "0/..")]),
        HostileCase("a file that is also a directory", naming: "a/b", files: [("a", "1"), ("a/b", "2")]),
        HostileCase("a symlink under a file", naming: "weights/latest", files: [("config.json", "{}"), ("weights", "w")],
                    symlinks: [("weights/latest", "../config.json")]),
    ]

    static let ignoredButSigned = [
        HostileCase("a file in .git", naming: ".git", files: [(".git/config", "[core]"), ("config.json", "{}")]),
        HostileCase("a file an --ignore pattern covers", naming: "scratch.tmp", files: [("config.json", "{}"), ("scratch.tmp", "t")],
                    ignore: [".git/", "/model.sig", "*.tmp"]),
        HostileCase("the bundle's own path", naming: "model.sig", files: [("config.json", "{}"), ("model.sig", "not a bundle")]),
        HostileCase("an ignored symlink", naming: "cache", symlinks: [("cache", "config.json")], ignore: [".git/", "/model.sig", "cache"]),
    ]

    static let escapingLinks = [
        HostileCase("the issue's chain d/0 -> .., d/a -> 0/..", naming: "d/a", files: [("config.json", "{}"), ("d/x", "1")],
                    symlinks: [("d/0", ".."), ("d/a", "0/..")]),
        HostileCase("a link to . then ..", naming: "up", symlinks: [("here", "."), ("up", "here/..")]),
        HostileCase("an absolute target", naming: "etc", symlinks: [("etc", "/etc")]),
        HostileCase("a chain whose last link is absolute", naming: "first", symlinks: [("first", "second"), ("second", "/tmp")]),
        HostileCase("a loop", naming: "loop-a", symlinks: [("loop-a", "loop-b"), ("loop-b", "loop-a")]),
        HostileCase("a path through a file", naming: "through", symlinks: [("through", "config.json/..")]),
        HostileCase("a nested chain", naming: "a/b/c", files: [("config.json", "{}"), ("a/b/w", "1")],
                    symlinks: [("a/b/c", "../up/.."), ("a/up", "../..")]),
    ]

    static let all = controlCharacters + impossibleTrees + ignoredButSigned + escapingLinks
}

/// Signed payloads that could not exist on disk, or lead outside the model, are refused
/// by one check at decode time: `verify` and every transfer reject them at `payload`,
/// naming the path, and nothing enters a store.
@Suite struct HostileManifestTests {
    @Test(arguments: HostileCase.all) func verifyRejectsAtPayload(_ hostile: HostileCase) throws {
        let world = try StoreFixture()
        let model = world.path("model")
        try hostile.manifest.writeModel(model, signedWith: world.signer)
        let result = try world.run(["verify", model, "--key", world.signer.publicKey])
        expectRejected(result, check: "payload", mentioning: [hostile.naming])
    }

    @Test(arguments: HostileCase.all) func transferIntoAStoreRejectsAndLogs(_ hostile: HostileCase) throws {
        let world = try StoreFixture()
        let store = try world.makeStore("store")
        let model = world.path("model")
        try hostile.manifest.writeModel(model, signedWith: world.signer)
        let index = try world.indexBytes(store)
        let result = try world.transfer(model, store)
        expectRejected(result, check: "payload", mentioning: [hostile.naming, "nothing was published"])
        #expect(try world.indexBytes(store) == index)
        #expect(world.blobNames(store).isEmpty)
        #expect(try world.auditEntries(store).last?["result"] as? String == "rejected")
    }

    @Test func inspectRejectsAnEscapingChain() throws {
        let world = try StoreFixture()
        let model = world.path("model")
        try HostileCase.escapingLinks[0].manifest.writeModel(model, signedWith: world.signer)
        let result = try world.run(["inspect", "\(model)/model.sig"])
        #expect(result.status == 1, "exit \(result.status): \(result.stderr)")
        #expect(result.stderr.contains("d/a"))
    }

    /// What verify would reject is not signed in the first place: a tree whose links loop.
    @Test func signRefusesATreeWhoseLinksLoop() throws {
        let world = try StoreFixture()
        let model = try world.scratch.makeModel()
        try FileManager.default.createSymbolicLink(atPath: "\(model)/loop-a", withDestinationPath: "loop-b")
        try FileManager.default.createSymbolicLink(atPath: "\(model)/loop-b", withDestinationPath: "loop-a")
        let result = try world.run(["sign", model, "--key", world.signer.privateKey, "--quiet"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("loop"), "stderr: \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "\(model)/model.sig"))
    }
}
