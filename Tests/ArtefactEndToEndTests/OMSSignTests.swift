import Foundation
import Testing

/// `artefact sign --format oms` writes bundles that model_signing 1.1.1 verifies (files
/// with its command line, shards with its API), and that artefact verifies too; an
/// Ed25519 key, or a flag OMS cannot carry, is bad input.
@Suite struct OMSSignTests {
    static func ecKey(in scratch: Scratch, type: String = "ec-p256") throws -> KeyPair {
        let prefix = scratch.path(type)
        let made = try CLI.run(["keygen", "--out", prefix, "--type", type], environment: KeyPair.environment)
        guard made.status == 0 else { throw FixtureError("keygen failed: \(made.stderr)") }
        return KeyPair(privateKey: prefix + ".key", publicKey: prefix + ".pub")
    }

    @Test func modelSigningVerifiesAFilesBundle() throws {
        let scratch = try Scratch()
        let keys = try Self.ecKey(in: scratch)
        let model = try scratch.makeModel()
        let signed = try CLI.run(["sign", model, "--key", keys.privateKey, "--format", "oms"], environment: KeyPair.environment)
        #expect(signed.status == 0, "\(signed.stderr)")
        #expect(signed.stdout.contains("as an OMS bundle (files serialization)"))
        let checked = try OMSTools.runModelSigning(["verify", "key", model, "--allow_symlinks", "--signature", "\(model)/model.sig",
                                                    "--public_key", keys.publicKey])
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        expectAccepted(try CLI.run(["verify", model, "--key", keys.publicKey]))

        try scratch.write("model/config.json", "{}")
        let tampered = try OMSTools.runModelSigning(["verify", "key", model, "--allow_symlinks", "--signature", "\(model)/model.sig",
                                                     "--public_key", keys.publicKey])
        #expect(tampered.status != 0, "model_signing accepted a tampered model")
    }

    @Test func modelSigningVerifiesAShardsBundle() throws {
        let scratch = try Scratch()
        let keys = try Self.ecKey(in: scratch)
        let model = try scratch.makeModel(weightBytes: 2_500_000)
        let signed = try CLI.run(["sign", model, "--key", keys.privateKey, "--format", "oms", "--shard-size", "1048576", "--json"],
                                 environment: KeyPair.environment)
        #expect(signed.status == 0, "\(signed.stderr)")
        let summary = try #require(try jsonObject(signed.stdout)["model"] as? [String: Any])
        #expect(summary["serialization"] as? String == "shards")
        // Three shards of the weights, one of each other non-empty file (the empty one has none).
        #expect(summary["resourceCount"] as? Int == 7)
        let checked = try OMSTools.runPython(["-c", OMSFixture.shardVerifyingScript, keys.publicKey, model, "\(model)/model.sig", "1048576"])
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        expectAccepted(try CLI.run(["verify", model, "--key", keys.publicKey]))
    }

    @Test func anEd25519KeyOrAFlagOMSCannotCarryIsBadInput() throws {
        let scratch = try Scratch()
        let model = try scratch.makeModel()
        let ed25519 = try KeyPair.generate(in: scratch)
        let refused = try CLI.run(["sign", model, "--key", ed25519.privateKey, "--format", "oms"], environment: KeyPair.environment)
        expectBadInput(refused, mentioning: ["Ed25519", "--format oms needs an EC"])
        #expect(!scratch.exists("model/model.sig"))
        let ec = try Self.ecKey(in: scratch)
        expectBadInput(try CLI.run(["sign", model, "--key", ec.privateKey, "--format", "oms", "--version", "1.0"], environment: KeyPair.environment),
                       mentioning: ["--version cannot be used with --format oms"])
        expectBadInput(try CLI.run(["sign", model, "--key", ec.privateKey, "--format", "cosign"], environment: KeyPair.environment),
                       mentioning: ["--format cosign"])
        #expect(!scratch.exists("model/model.sig"))
    }

    /// The digest follows the curve (SHA-384 for P-384, SHA-512 for P-521), as model_signing expects.
    @Test(arguments: ["ec-p384", "ec-p521"])
    func modelSigningVerifiesBundlesOnTheLargerCurves(type: String) throws {
        let scratch = try Scratch()
        let keys = try Self.ecKey(in: scratch, type: type)
        let model = try scratch.makeModel()
        let signed = try CLI.run(["sign", model, "--key", keys.privateKey, "--format", "oms"], environment: KeyPair.environment)
        #expect(signed.status == 0, "\(signed.stderr)")
        let checked = try OMSTools.runModelSigning(["verify", "key", model, "--allow_symlinks", "--signature", "\(model)/model.sig",
                                                    "--public_key", keys.publicKey])
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
    }
}
