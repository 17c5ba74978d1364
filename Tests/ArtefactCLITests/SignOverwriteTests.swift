import Foundation
import Testing

/// `sign` never silently drops other signers' signatures, and what it signs is what
/// `hash` hashes, wherever the bundle is written.
@Suite struct SignOverwriteTests {
    @Test func signingOverAnotherSignersBundleIsRefusedUnlessAppendOrForce() throws {
        let workspace = try Workspace()
        let signed = try workspace.makeSignedModel()
        let second = try workspace.makeKeys("second")
        let before = try Data(contentsOf: URL(fileURLWithPath: signed.bundle))
        let refused = artefact(["sign", signed.model, "--key", second.privateKey], environment: Workspace.environment)
        expectBadInput(refused, mentioning: ["\(signed.bundle) already carries signatures by", "--append", "--force"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: signed.bundle)) == before)

        expectBadInput(artefact(["sign", signed.model, "--key", second.privateKey, "--append", "--force"],
                                environment: Workspace.environment), mentioning: ["--force cannot be used with --append"])

        let forced = artefact(["sign", signed.model, "--key", second.privateKey, "--force", "--quiet"], environment: Workspace.environment)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout.contains("(1 signature(s))"))
        #expect(artefact(["verify", signed.model, "--key", signed.publicKey, "--quiet"]).status == 1)
        expectSuccess(artefact(["verify", signed.model, "--key", second.publicKey, "--quiet"]))
    }

    @Test func reSigningYourOwnBundleNeedsNoFlag() throws {
        let workspace = try Workspace()
        let signed = try workspace.makeSignedModel()
        let again = artefact(["sign", signed.model, "--key", workspace.path("signer.key"), "--quiet"], environment: Workspace.environment)
        #expect(again.status == 0, "\(again.stderr)")
    }

    @Test func aStaleModelSigIsNeverSignedWhenTheBundleGoesElsewhere() throws {
        let workspace = try Workspace()
        let signed = try workspace.makeSignedModel()
        let elsewhere = workspace.path("elsewhere.sig")
        let result = artefact(["sign", signed.model, "--key", workspace.path("signer.key"), "--signature", elsewhere, "--quiet"],
                              environment: Workspace.environment)
        #expect(result.status == 0, "\(result.stderr)")
        let claims = try jsonObject(artefact(["inspect", elsewhere, "--json"]).stdout)
        let files = try #require(claims["files"] as? [[String: Any]]).compactMap { $0["path"] as? String }
        #expect(!files.contains("model.sig"))
        // hash and sign agree on the file set: the same model digest.
        let hashed = try jsonObject(artefact(["hash", signed.model, "--json"]).stdout)
        let model = try #require(claims["model"] as? [String: Any])
        #expect(hashed["modelDigest"] as? String == model["modelDigest"] as? String)
        // Replacing the stale bundle does not invalidate the one written elsewhere.
        try workspace.write("model/model.sig", "stale")
        expectSuccess(artefact(["verify", signed.model, "--signature", elsewhere, "--key", signed.publicKey, "--quiet"]))
    }

    /// A root `model.sig` that is no bundle (garbage, a leftover) is not a model file
    /// either: with the bundle elsewhere, sign leaves it out exactly as hash does, the
    /// exclusion is signed, and verify accepts the model with it in place, changed or not.
    @Test(arguments: ["garbage \u{1}\u{2}", #"{"mediaType": "not a bundle"}"#, ""])
    func aRootModelSigThatIsNoBundleIsNeverSigned(_ leftover: String) throws {
        let workspace = try Workspace()
        let keys = try workspace.makeKeys()
        let model = try workspace.makeModel()
        try workspace.write("model/model.sig", leftover)
        let elsewhere = workspace.path("elsewhere.sig")
        expectSuccess(artefact(["sign", model, "--key", keys.privateKey, "--signature", elsewhere, "--quiet"],
                               environment: Workspace.environment))
        let claims = try jsonObject(artefact(["inspect", elsewhere, "--json"]).stdout)
        let files = try #require(claims["files"] as? [[String: Any]]).compactMap { $0["path"] as? String }
        #expect(files.sorted() == ["config.json", "tokenizer/vocab.json", "weights.bin"], "\(files)")
        #expect((claims["ignore"] as? [String])?.contains("/model.sig") == true, "\(claims)")
        let hashed = try jsonObject(artefact(["hash", model, "--json"]).stdout)
        let hashedFiles = try #require(hashed["files"] as? [[String: Any]]).compactMap { $0["path"] as? String }
        #expect(hashedFiles.sorted() == files.sorted())
        #expect(hashed["modelDigest"] as? String == (claims["model"] as? [String: Any])?["modelDigest"] as? String)
        expectSuccess(artefact(["verify", model, "--signature", elsewhere, "--key", keys.publicKey, "--quiet"]))
        try workspace.write("model/model.sig", "changed after signing")
        expectSuccess(artefact(["verify", model, "--signature", elsewhere, "--key", keys.publicKey, "--quiet"]))
        // Any other file still counts: the exclusion is the root model.sig only.
        try workspace.write("model/tokenizer/model.sig", "a model file")
        #expect(artefact(["verify", model, "--signature", elsewhere, "--key", keys.publicKey, "--quiet"]).status == 1)
    }
}
