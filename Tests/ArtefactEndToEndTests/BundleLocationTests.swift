import Foundation
import Testing

/// Where the bundle goes: `FILE.sig` beside a single-file model, `--signature` anywhere,
/// including inside the model directory (then it is left out of hashing).
@Suite struct BundleLocationTests {
    @Test func singleFileModelIsSignedBesideTheFile() throws {
        let scratch = try Scratch()
        let keys = try KeyPair.generate(in: scratch)
        try scratch.write("file.bin", Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) }))
        let model = scratch.path("file.bin")
        let signed = try CLI.run(["sign", model, "--key", keys.privateKey], environment: KeyPair.environment)
        #expect(signed.status == 0, "\(signed.stderr)")
        #expect(signed.stdout.contains("wrote \(model).sig"))
        #expect(scratch.exists("file.bin.sig"))
        expectAccepted(try CLI.run(["verify", model, "--key", keys.publicKey]))

        var bytes = try scratch.read("file.bin")
        bytes[100] ^= 0x01
        try scratch.write("file.bin", bytes)
        expectRejected(try CLI.run(["verify", model, "--key", keys.publicKey]), check: "integrity",
                       mentioning: ["changed: file.bin"])
    }

    @Test func singleFileModelRenamedIsRejected() throws {
        let scratch = try Scratch()
        let keys = try KeyPair.generate(in: scratch)
        try scratch.write("a.bin", "weights")
        try scratch.write("b.bin", "weights")
        #expect(try CLI.run(["sign", scratch.path("a.bin"), "--key", keys.privateKey], environment: KeyPair.environment).status == 0)
        let result = try CLI.run(["verify", scratch.path("b.bin"), "--key", keys.publicKey, "--signature", scratch.path("a.bin.sig")])
        expectRejected(result, check: "integrity", mentioning: ["missing: a.bin", "unexpected: b.bin"])
    }

    @Test func bundleInsideTheModelIsLeftOutOfHashing() throws {
        let fixture = try SignedFixture.make(signArguments: ["--signature", "model/meta/bundle.json"]) { scratch, model in
            try scratch.write("\(model)/meta/README", "provenance lives here\n")
        }
        let bundle = fixture.file("meta/bundle.json")
        #expect(FileManager.default.fileExists(atPath: bundle))
        #expect(!FileManager.default.fileExists(atPath: fixture.bundlePath))
        expectAccepted(try fixture.verify(["--signature", bundle]))

        let claims = try jsonObject(try CLI.run(["inspect", bundle, "--json"]).stdout)
        #expect((claims["ignore"] as? [String])?.contains("/meta/bundle.json") == true)
        let paths = (claims["files"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        #expect(paths.contains("meta/README"))
        #expect(!paths.contains("meta/bundle.json"))

        try fixture.write("meta/README", "changed\n")
        expectRejected(try fixture.verify(["--signature", bundle]), check: "integrity", mentioning: ["changed: meta/README"])
    }

    /// A bundle outside the model still leaves out the root `model.sig` (FORMAT.md, "Ignore
    /// patterns": it is where a directory's bundle is looked for, never a model file), and
    /// nothing else: any other new file is unexpected.
    @Test func bundleOutsideTheModelLeavesOutOnlyTheRootModelSig() throws {
        let fixture = try SignedFixture.make(signArguments: ["--signature", "outside.sig"]) { _, _ in }
        let claims = try jsonObject(try CLI.run(["inspect", "outside.sig", "--json"], directory: fixture.scratch.url).stdout)
        #expect(claims["ignore"] as? [String] == [".git/", "/model.sig"])
        try fixture.write("model.sig", "{}")
        let verify = ["verify", fixture.model, "--key", fixture.keys.publicKey, "--signature", "outside.sig"]
        expectAccepted(try CLI.run(verify, directory: fixture.scratch.url))
        try fixture.write("model.sig.bak", "{}")
        expectRejected(try CLI.run(verify, directory: fixture.scratch.url), check: "integrity", mentioning: ["unexpected: model.sig.bak"])
    }
}
