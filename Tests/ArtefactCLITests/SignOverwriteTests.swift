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
}
