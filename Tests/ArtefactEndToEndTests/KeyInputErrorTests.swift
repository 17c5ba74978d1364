import Foundation
import Testing

/// Keys that cannot be used, and passphrases that are wrong or missing: exit 2, one line,
/// and no bundle written.
@Suite struct KeyInputErrorTests {
    /// Signs a fresh model with the key at `keyPath`; expects bad input and no bundle.
    static func expectSignRefused(scratch: Scratch, keyPath: String, environment: [String: String] = [:],
                                  extra: [String] = [], mentioning fragments: [String],
                                  sourceLocation: SourceLocation = #_sourceLocation) throws {
        let model = try scratch.makeModel()
        let before = listing(scratch.url.path)
        let result = try CLI.run(["sign", model, "--key", keyPath] + extra, environment: environment)
        expectBadInput(result, mentioning: fragments, sourceLocation: sourceLocation)
        #expect(listing(scratch.url.path) == before, "sign wrote something", sourceLocation: sourceLocation)
    }

    @Test func malformedPrivateKeyIsRefused() throws {
        let scratch = try Scratch()
        try scratch.write("random.key", "this is not a key at all\n")
        try Self.expectSignRefused(scratch: scratch, keyPath: scratch.path("random.key"),
                                   mentioning: ["random.key is not a PEM private key"])
    }

    @Test func publicKeyGivenAsPrivateKeyIsRefused() throws {
        let scratch = try Scratch()
        let keys = try KeyPair.generate(in: scratch)
        try Self.expectSignRefused(scratch: scratch, keyPath: keys.publicKey, mentioning: ["not a PEM private key"])
    }

    @Test func missingPrivateKeyIsRefused() throws {
        let scratch = try Scratch()
        try Self.expectSignRefused(scratch: scratch, keyPath: scratch.path("absent.key"), mentioning: ["absent.key"])
    }

    @Test func nonEd25519PrivateKeyIsRefused() throws {
        let scratch = try Scratch()
        let generated = try CLI.runTool("openssl", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
                                                     "-out", scratch.path("ec.pem")])
        try #require(generated.status == 0, "\(generated.stderr)")
        try Self.expectSignRefused(scratch: scratch, keyPath: scratch.path("ec.pem"), mentioning: ["not an Ed25519 key"])
    }

    @Test func wrongPassphraseIsRefused() throws {
        let scratch = try Scratch()
        let keys = try KeyPair.generate(in: scratch)
        try Self.expectSignRefused(scratch: scratch, keyPath: keys.privateKey,
                                   environment: ["ARTEFACT_PASSPHRASE": "incorrect horse"],
                                   mentioning: ["wrong passphrase"])
    }

    @Test func wrongPassphraseFileIsRefused() throws {
        let scratch = try Scratch()
        let keys = try KeyPair.generate(in: scratch)
        try scratch.write("wrong.txt", "incorrect horse\n")
        try Self.expectSignRefused(scratch: scratch, keyPath: keys.privateKey,
                                   extra: ["--passphrase-file", scratch.path("wrong.txt")],
                                   mentioning: ["wrong passphrase"])
    }

    /// CLI.run gives the child a clean environment and a pipe for stdin, so there is no
    /// variable and no terminal to ask.
    @Test func encryptedKeyWithNoPassphraseSourceIsRefused() throws {
        let scratch = try Scratch()
        let keys = try KeyPair.generate(in: scratch)
        try Self.expectSignRefused(scratch: scratch, keyPath: keys.privateKey, mentioning: ["ARTEFACT_PASSPHRASE", "encrypted"])
    }

    @Test func emptyPassphraseVariableIsRefused() throws {
        let scratch = try Scratch()
        let keys = try KeyPair.generate(in: scratch)
        try Self.expectSignRefused(scratch: scratch, keyPath: keys.privateKey, environment: ["ARTEFACT_PASSPHRASE": ""],
                                   mentioning: ["ARTEFACT_PASSPHRASE is set but empty"])
    }

    @Test func malformedPublicKeyIsRefused() throws {
        let fixture = try SignedFixture.make()
        try fixture.scratch.write("random.pub", "-----BEGIN PUBLIC KEY-----\nnot base64!\n-----END PUBLIC KEY-----\n")
        let result = try CLI.run(["verify", fixture.model, "--key", fixture.scratch.path("random.pub")])
        expectBadInput(result, mentioning: ["random.pub is not a PEM public key"])
    }

    @Test func privateKeyGivenAsPublicKeyIsRefused() throws {
        let fixture = try SignedFixture.make()
        expectBadInput(try CLI.run(["verify", fixture.model, "--key", fixture.keys.privateKey]), mentioning: ["not a PEM public key"])
    }

    /// One bad key among good ones is still bad input, not a silent skip.
    @Test func malformedPublicKeyBesideAGoodOneIsRefused() throws {
        let fixture = try SignedFixture.make()
        try fixture.scratch.write("random.pub", "junk\n")
        let result = try CLI.run(["verify", fixture.model, "--key", fixture.keys.publicKey, "--key", fixture.scratch.path("random.pub")])
        expectBadInput(result, mentioning: ["random.pub"])
    }

    /// A key file whose scrypt parameters (p = 113) would take seconds of derivation: exit 2
    /// before any derivation runs. `timeout` turns a hang into exit 124, which fails the test.
    @Test func keyFileAskingForCostlyDerivationIsRefusedPromptly() throws {
        let scratch = try Scratch()
        // The fuzzer's finding, kept in its seed corpus.
        let finding = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/Corpus/EncryptedKeyFiles/scrypt-p113-costly.key")
        try FileManager.default.copyItem(atPath: finding.path, toPath: scratch.path("costly.key"))
        let model = try scratch.makeModel()
        let before = listing(scratch.url.path)
        let result = try CLI.runTool("timeout", ["5", CLI.executable.path, "sign", model, "--key", scratch.path("costly.key")],
                                     environment: ["ARTEFACT_PASSPHRASE": "any passphrase"])
        expectBadInput(result, mentioning: ["costly.key asks for scrypt N=16384, r=8, p=113", "openssl pkcs8 -topk8 -scrypt"])
        #expect(listing(scratch.url.path) == before, "sign wrote something")
    }
}
