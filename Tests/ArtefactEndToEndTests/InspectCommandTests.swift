import Foundation
import Testing

/// `artefact inspect` shows a bundle's claims and says plainly that they are unchecked.
@Suite struct InspectCommandTests {
    static let signArguments = ["--name", "tiny-llm", "--version", "1.2.3", "--classification", "confidential"]

    @Test func textSaysUnverifiedAndShowsTheClaims() throws {
        let fixture = try SignedFixture.make(signArguments: Self.signArguments)
        let result = try CLI.run(["inspect", fixture.bundlePath])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("UNVERIFIED") == true)
        #expect(lines.contains { $0.hasPrefix("name:") && $0.hasSuffix(" tiny-llm") })
        #expect(lines.contains { $0.hasPrefix("version:") && $0.hasSuffix(" 1.2.3") })
        #expect(lines.contains { $0.hasPrefix("classification:") && $0.hasSuffix(" confidential") })
        #expect(lines.contains { $0.hasSuffix("  weights/model.safetensors") })
        #expect(lines.contains { $0.contains("symlink  latest.json -> config.json") })
    }

    @Test func jsonSaysUnverifiedAndShowsTheClaims() throws {
        let fixture = try SignedFixture.make(signArguments: Self.signArguments)
        let result = try CLI.run(["inspect", fixture.bundlePath, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let claims = try jsonObject(result.stdout)
        #expect(claims["verified"] as? Bool == false)
        #expect((claims["notice"] as? String)?.hasPrefix("UNVERIFIED") == true)
        let model = try #require(claims["model"] as? [String: Any])
        #expect(model["name"] as? String == "tiny-llm")
        #expect(model["version"] as? String == "1.2.3")
        #expect(model["classification"] as? String == "confidential")
        #expect(model["fileCount"] as? Int == 5)
    }

    /// inspect reads claims without checking them: even a bundle from an untrusted key is
    /// shown, still marked unverified.
    @Test func tamperedModelIsStillOnlyUnverified() throws {
        let fixture = try SignedFixture.make()
        try fixture.write("config.json", "{}")
        let claims = try jsonObject(try CLI.run(["inspect", fixture.bundlePath, "--json"]).stdout)
        #expect(claims["verified"] as? Bool == false)
    }

    @Test func defaultNameAndClassification() throws {
        let fixture = try SignedFixture.make()
        let model = try #require(try jsonObject(try CLI.run(["inspect", fixture.bundlePath, "--json"]).stdout)["model"] as? [String: Any])
        #expect(model["name"] as? String == "model")
        #expect(model["classification"] as? String == "internal")
        #expect(model["version"] is NSNull)
    }

    @Test func malformedBundleIsRejected() throws {
        let scratch = try Scratch()
        try scratch.write("bad.sig", "{\"mediaType\": 1, \"mediaType\": 2}")
        let result = try CLI.run(["inspect", scratch.path("bad.sig")])
        #expect(result.status == 1)
        #expect(result.errorLine.hasPrefix("artefact: rejected: "))
        #expect(result.errorLine.contains("duplicate key"))
    }

    @Test func missingBundleIsBadInput() throws {
        let scratch = try Scratch()
        expectBadInput(try CLI.run(["inspect", scratch.path("absent.sig")]), mentioning: ["does not exist"])
    }
}
