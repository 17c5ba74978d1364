import Foundation
import Testing

/// `artefact inspect` shows a bundle's claims and says plainly that they are unchecked.
@Suite struct InspectCommandTests {
    static let signArguments = ["--name", "tiny-llm", "--version", "1.2.3", "--classification", "confidential"]

    @Test func textSaysUnverifiedAndShowsTheClaims() throws {
        let workspace = try Workspace()
        let signed = try workspace.makeSignedModel(signArguments: Self.signArguments)
        let result = artefact(["inspect", signed.bundle])
        expectSuccess(result)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("UNVERIFIED") == true)
        #expect(lines.contains { $0.hasPrefix("name:") && $0.hasSuffix(" tiny-llm") })
        #expect(lines.contains { $0.hasPrefix("version:") && $0.hasSuffix(" 1.2.3") })
        #expect(lines.contains { $0.hasPrefix("classification:") && $0.hasSuffix(" confidential") })
        #expect(lines.contains { $0.hasSuffix("  tokenizer/vocab.json") })
        #expect(lines.contains { $0.contains("symlink  latest.json -> config.json") })
    }

    @Test func jsonSaysUnverifiedAndShowsTheClaims() throws {
        let workspace = try Workspace()
        let signed = try workspace.makeSignedModel(signArguments: Self.signArguments)
        let result = artefact(["inspect", signed.bundle, "--json"])
        expectSuccess(result)
        let claims = try jsonObject(result.stdout)
        #expect(claims["verified"] as? Bool == false)
        #expect((claims["notice"] as? String)?.hasPrefix("UNVERIFIED") == true)
        let model = try #require(claims["model"] as? [String: Any])
        #expect(model["name"] as? String == "tiny-llm")
        #expect(model["version"] as? String == "1.2.3")
        #expect(model["classification"] as? String == "confidential")
        #expect(model["fileCount"] as? Int == 3)
    }

    /// inspect reads claims without checking them: even a bundle whose model changed is
    /// shown, still marked unverified.
    @Test func tamperedModelIsStillOnlyUnverified() throws {
        let workspace = try Workspace()
        let signed = try workspace.makeSignedModel()
        try workspace.write("model/config.json", "{}")
        let result = artefact(["inspect", signed.bundle, "--json"])
        expectSuccess(result)
        #expect(try jsonObject(result.stdout)["verified"] as? Bool == false)
    }

    @Test func defaultNameAndClassification() throws {
        let workspace = try Workspace()
        let signed = try workspace.makeSignedModel()
        let model = try #require(try jsonObject(artefact(["inspect", signed.bundle, "--json"]).stdout)["model"] as? [String: Any])
        #expect(model["name"] as? String == "model")
        #expect(model["classification"] as? String == "internal")
        #expect(model["version"] is NSNull)
    }

    @Test func malformedBundleIsRejected() throws {
        let workspace = try Workspace()
        try workspace.write("bad.sig", "{\"mediaType\": 1, \"mediaType\": 2}")
        let result = artefact(["inspect", workspace.path("bad.sig")])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.errorLines.count == 1)
        #expect(result.errorLine.hasPrefix("artefact: rejected: "))
        #expect(result.errorLine.contains("duplicate key"))
    }

    @Test func missingBundleIsBadInput() throws {
        let workspace = try Workspace()
        expectBadInput(artefact(["inspect", workspace.path("absent.sig")]), mentioning: ["does not exist"])
    }
}
