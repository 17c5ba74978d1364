import ArtefactCore
import Foundation
import Testing

/// An export writes only inside its own new directory and the bundle beside it: signed
/// symlinks, however chained, never redirect a write, and nothing that already exists at
/// the destination (a file, a directory with something in it, a symlink, the bundle path
/// beside it) is ever replaced.
@Suite struct ExportConfinementTests {
    /// A store holding `evil@1.0.0`, whose bundle is replaced by one validly signed by the
    /// fixture's signer over the same files plus `links`. Returns the world and the store.
    /// (The manifest shape check rejects such a bundle before the export starts; these
    /// tests hold whichever defence stops it: nothing may be written outside.)
    private static func storeWithHostileLinks(_ links: [(String, String)]) throws -> (StoreFixture, String) {
        let world = try StoreFixture()
        try world.scratch.write("model/w.bin", "weights")
        let model = world.path("model")
        let signed = try world.run(["sign", model, "--key", world.signer.privateKey, "--name", "evil", "--version", "1.0.0", "--quiet"])
        try #require(signed.status == 0, "sign: \(signed.stderr)")
        let store = try world.makeStore("store")
        try world.transferAccepted(model, store)

        var hostile = HostileManifest()
        hostile.name = "evil"
        hostile.files = [("w.bin", "weights")]
        hostile.symlinks = links.map { (path: $0.0, target: $0.1) }
        try replaceStoredBundle(in: store, with: try hostile.bundle(signedWith: world.signer))
        return (world, store)
    }

    /// Swaps the store's one bundle for `bytes`: a new bundle blob, a new signature manifest
    /// pointing at it, and the index entry pointing at that.
    private static func replaceStoredBundle(in store: String, with bytes: [UInt8]) throws {
        func writeBlob(_ data: [UInt8]) throws -> String {
            let hex = SHA256Hasher.digest(data).hex
            try Data(data).write(to: URL(fileURLWithPath: "\(store)/blobs/sha256/\(hex)"))
            return "sha256:\(hex)"
        }
        let indexURL = URL(fileURLWithPath: "\(store)/index.json")
        var index = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: indexURL)) as? [String: Any])
        var manifests = try #require(index["manifests"] as? [[String: Any]])
        let position = try #require(manifests.firstIndex { $0["artifactType"] as? String == SignatureBundle.mediaType })
        let oldDigest = try #require(manifests[position]["digest"] as? String)
        let oldURL = URL(fileURLWithPath: "\(store)/blobs/sha256/\(oldDigest.dropFirst("sha256:".count))")
        var signatureManifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: oldURL)) as? [String: Any])
        var layers = try #require(signatureManifest["layers"] as? [[String: Any]])
        layers[0]["digest"] = try writeBlob(bytes)
        layers[0]["size"] = bytes.count
        signatureManifest["layers"] = layers
        let manifestBytes = Array(try JSONSerialization.data(withJSONObject: signatureManifest, options: [.sortedKeys, .withoutEscapingSlashes]))
        manifests[position]["digest"] = try writeBlob(manifestBytes)
        manifests[position]["size"] = manifestBytes.count
        index["manifests"] = manifests
        try JSONSerialization.data(withJSONObject: index, options: [.sortedKeys, .withoutEscapingSlashes]).write(to: indexURL)
    }

    /// Chains of signed links, each lexically inside the model, that followed lead out of
    /// the export (`d/a` and `a` resolve to the export's parent), each with an entry under
    /// them; and plainly escaping links, which verification already refuses.
    static let hostileLinkSets: [[(String, String)]] = [
        [("d/0", ".."), ("d/a", "0/.."), ("d/a/evil", "pwned")],
        [("d/0", ".."), ("d/a", "0/.."), ("d/a/b/evil", "pwned")],
        [("0", "."), ("a", "0/.."), ("a/evil", "pwned")],
        [("0", "."), ("a", "0/.."), ("a/sub/deeper/evil", "pwned")],
        [("up", ".."), ("up/evil", "pwned")],
    ]

    @Test(arguments: 0..<hostileLinkSets.count)
    func signedSymlinksNeverRedirectAnExportOutsideIt(set: Int) throws {
        let (world, store) = try Self.storeWithHostileLinks(Self.hostileLinkSets[set])
        try world.scratch.write("out/precious.txt", "keep me")
        let result = try world.transfer(store, world.path("out/served"), ["--model", "evil@1.0.0"])
        #expect(result.status != 0, "the hostile export was accepted: \(result.stdout)")
        // Nothing beside the export: no link, no directory, no leftover, no bundle.
        #expect(listing(world.path("out")) == ["precious.txt"])
        for name in ["evil", "b", "sub"] { #expect(!FileManager.default.fileExists(atPath: world.path(name))) }
    }

    /// The bundle goes beside an export when the signed ignore list does not leave out the
    /// root model.sig: a bundle an earlier artefact wrote with --signature elsewhere (made
    /// here by hand, signed by the trusted signer); today's sign always leaves it out.
    @Test func anExportNeverReplacesTheBundleBesideIt() throws {
        let world = try StoreFixture()
        let (model, outside) = try world.olderOutsideBundleModel()
        let store = try world.makeStore("store")
        try world.transferAccepted(model, store, ["--signature", outside])
        try world.scratch.write("served.sig", "keep me")
        expectBadInput(try world.transfer(store, world.path("served"), ["--model", "resnet"]),
                       mentioning: ["served.sig already exists", "never replaces"])
        #expect(try world.scratch.read("served.sig") == Data("keep me".utf8))
        #expect(!world.scratch.exists("served"), "the directory was exported although its bundle could not be")
    }

    @Test(arguments: ["empty-directory", "non-empty-directory", "file"])
    func anExportNeverReplacesASymlinkAtTheDestination(pointingAt kind: String) throws {
        let world = try StoreFixture()
        let model = try world.signedModel("model", name: "resnet", version: "1.0.0")
        let store = try world.makeStore("store")
        try world.transferAccepted(model, store)
        switch kind {
        case "empty-directory": try FileManager.default.createDirectory(atPath: world.path("elsewhere"), withIntermediateDirectories: true)
        case "non-empty-directory": try world.scratch.write("elsewhere/precious.txt", "keep me")
        default: try world.scratch.write("elsewhere", "keep me")
        }
        let before = listing(world.path("elsewhere"))
        try FileManager.default.createSymbolicLink(atPath: world.path("served"), withDestinationPath: world.path("elsewhere"))
        let result = try world.transfer(store, world.path("served"), ["--model", "resnet"])
        #expect(result.status == 2, "exit \(result.status): \(result.stderr)")
        #expect(result.stderr.contains(kind == "file" ? "is a file" : kind == "empty-directory" ? "already exists" : "non-empty"),
                "stderr: \(result.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: world.path("served")) == world.path("elsewhere"))
        #expect(listing(world.path("elsewhere")) == before)
    }

    /// What existing tests rely on still holds: an empty directory (a mount point) is a
    /// destination, and the export takes its place.
    @Test func anEmptyDirectoryIsStillADestination() throws {
        let world = try StoreFixture()
        let model = try world.signedModel("model", name: "resnet", version: "1.0.0")
        let store = try world.makeStore("store")
        try world.transferAccepted(model, store)
        try FileManager.default.createDirectory(atPath: world.path("served"), withIntermediateDirectories: true)
        try world.transferAccepted(store, world.path("served"), ["--model", "resnet"])
        try expectSameTree(world.path("served"), as: model)
    }
}
