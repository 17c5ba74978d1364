import Foundation
import Testing

/// Symlinks are signed as links (path and target), never followed; one that leads out of
/// the model is refused at sign time and rejected at verify time.
@Suite struct SymlinkTests {
    @Test func retargetedSymlinkIsRejected() throws {
        let fixture = try SignedFixture.make()
        try fixture.remove("latest.json")
        try fixture.link("latest.json", to: "tokenizer/vocab.json")
        expectRejected(try fixture.verify(), check: "integrity", mentioning: ["changed: latest.json"])
    }

    @Test func symlinkReplacedByItsTargetsBytesIsRejected() throws {
        let fixture = try SignedFixture.make()
        let target = try fixture.read("config.json")
        try fixture.remove("latest.json")
        try fixture.write("latest.json", target)
        expectRejected(try fixture.verify(), check: "integrity", mentioning: ["changed: latest.json"])
    }

    @Test func regularFileReplacedBySymlinkIsRejected() throws {
        let fixture = try SignedFixture.make { scratch, model in
            // A second copy of vocab.json, so the link would resolve to identical bytes.
            try scratch.write("\(model)/vocab-copy.json", try scratch.read("\(model)/tokenizer/vocab.json"))
        }
        try fixture.remove("tokenizer/vocab.json")
        try fixture.link("tokenizer/vocab.json", to: "../vocab-copy.json")
        expectRejected(try fixture.verify(), check: "integrity", mentioning: ["changed: tokenizer/vocab.json"])
    }

    @Test(arguments: ["/etc/passwd", "../../etc/passwd"])
    func escapingSymlinkIsRefusedAtSignTime(target: String) throws {
        let scratch = try Scratch()
        let keys = try KeyPair.generate(in: scratch)
        let model = try scratch.makeModel()
        try FileManager.default.createSymbolicLink(atPath: "\(model)/escape", withDestinationPath: target)
        let before = listing(model)
        let result = try CLI.run(["sign", model, "--key", keys.privateKey], environment: KeyPair.environment)
        expectBadInput(result, mentioning: ["escape -> \(target)", "leads outside the model"])
        #expect(listing(model) == before, "sign wrote into the model")
        #expect(!scratch.exists("model/model.sig"))
    }

    @Test(arguments: ["/etc/passwd", "../../etc/passwd", "../model/../../outside"])
    func escapingSymlinkAddedAfterSigningIsRejected(target: String) throws {
        let fixture = try SignedFixture.make()
        try fixture.link("escape", to: target)
        expectRejected(try fixture.verify(), check: "integrity", mentioning: ["escape -> \(target)", "leads outside the model"])
    }

    /// A link whose target is lexically inside, but which resolves outside through an
    /// ignored directory link: only resolving the whole chain catches it.
    @Test func symlinkThroughAnIgnoredEscapingLinkIsRejected() throws {
        let fixture = try SignedFixture.make(signArguments: ["--ignore", "/mnt"])
        try fixture.scratch.write("outside/secret.txt", "secret")
        try fixture.link("mnt", to: fixture.scratch.path("outside"))
        expectAccepted(try fixture.verify())
        try fixture.link("weights/peek", to: "../mnt/secret.txt")
        expectRejected(try fixture.verify(), check: "integrity",
                       mentioning: ["weights/peek -> ../mnt/secret.txt", "leads outside the model"])
    }

    @Test func symlinkToADirectoryInsideIsSignedAsALink() throws {
        let fixture = try SignedFixture.make { scratch, model in
            try FileManager.default.createSymbolicLink(atPath: scratch.path("\(model)/current"), withDestinationPath: "weights")
        }
        expectAccepted(try fixture.verify())
        // The link is not followed: a file added under its target is an extra under weights/ only.
        try fixture.write("weights/extra.bin", "x")
        expectRejected(try fixture.verify(), check: "integrity", mentioning: ["unexpected: weights/extra.bin"])
        #expect(!(try fixture.verify().errorLine.contains("current/extra.bin")))
    }
}
