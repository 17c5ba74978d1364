import Foundation
import Testing

/// Docs/CI.md's examples run as written against the built binary and a really signed
/// model: the marked gate step gives the documented exit code and one-line reason (read
/// from `--json` with jq) on each of its paths, and every `artefact sign` and
/// `artefact verify` line of the GitHub Actions and GitLab CI examples succeeds.
@Suite struct CIDocumentationTests {
    static let marker = "<!-- ci-gate-example:"

    static func ciDocument() throws -> String {
        try String(contentsOf: DocumentationTests.repositoryRoot.appendingPathComponent("Docs/CI.md"), encoding: .utf8)
    }

    /// The ```sh block right after the marker comment.
    static func gateScript() throws -> String {
        let text = try ciDocument()
        let marker = try #require(text.range(of: marker), "Docs/CI.md has no \(marker) block")
        let open = try #require(text.range(of: "```sh\n", range: marker.upperBound..<text.endIndex))
        #expect(text[marker.upperBound..<open.lowerBound].split(separator: "\n").count == 1, "the block must follow the marker line")
        let close = try #require(text.range(of: "\n```\n", range: open.upperBound..<text.endIndex))
        return String(text[open.upperBound..<close.lowerBound]) + "\n"
    }

    /// Every `artefact sign|verify ...` command in the ```yaml blocks, as a shell would run
    /// it (a trailing `# comment` dropped).
    static func pipelineCommands() throws -> [String] {
        var commands: [String] = []
        var inYAML = false
        for line in try ciDocument().split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { inYAML = line == "```yaml"; continue }
            guard inYAML, let start = line.range(of: "artefact ") else { continue }
            let prefix = line[..<start.lowerBound].trimmingCharacters(in: .whitespaces)
            guard prefix == "run:" || prefix == "-" else { continue }
            var command = String(line[start.lowerBound...])
            if let comment = command.range(of: " #") { command = String(command[..<comment.lowerBound]) }
            command = command.trimmingCharacters(in: .whitespaces)
            if command.hasPrefix("artefact sign ") || command.hasPrefix("artefact verify ") { commands.append(command) }
        }
        return commands
    }

    /// A directory laid out as the examples assume: ./model signed with --version 1.0.0,
    /// keys/release.pub trusted, deploy/prod-policy.json trusting it.
    struct Checkout {
        let scratch: Scratch
        let keys: KeyPair

        init() throws {
            scratch = try Scratch()
            keys = try KeyPair.generate(in: scratch, name: "release")
            try scratch.write("keys/release.pub", try scratch.read("release.pub"))
            try scratch.write("deploy/prod-policy.json", """
            {"environment": "prod", "clearance": "internal", "signers": {"release": {"key": "\(scratch.path("keys/release.pub"))"}},
             "rules": [{"models": "*", "signers": ["release"]}]}
            """)
            let model = try scratch.makeModel()
            let signed = try CLI.run(["sign", model, "--key", keys.privateKey, "--version", "1.0.0", "--quiet"], environment: KeyPair.environment)
            guard signed.status == 0 else { throw FixtureError("sign failed: \(signed.stderr)") }
        }

        /// `bash -e -c SCRIPT` in the checkout with only the built binary and the base
        /// system on PATH, plus `environment`.
        func run(_ script: String, environment: [String: String] = [:]) throws -> CLIResult {
            let bin = CLI.executable.deletingLastPathComponent().path
            let variables = ["PATH=\(bin):/usr/bin:/bin", "HOME=\(scratch.url.path)"] + environment.map { "\($0.key)=\($0.value)" }
            return try CLI.runTool("env", ["-i"] + variables + ["bash", "-e", "-c", script], directory: scratch.url, timeout: 120)
        }

        func report() throws -> [String: Any] { try jsonObject(String(decoding: try scratch.read("verify-report.json"), as: UTF8.self)) }
    }

    @Test func jqIsInstalled() throws {
        // scripts/test.sh installs it (ensure_test_dependencies): the gate example reads the report with it.
        let found = try CLI.runTool("bash", ["-c", "command -v jq"])
        #expect(found.status == 0, "jq is missing: run scripts/test.sh, which installs it")
    }

    @Test func theGateStepPassesAVerifiedModel() throws {
        let checkout = try Checkout()
        let result = try checkout.run(try Self.gateScript())
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout == "gate: passed: model@1.0.0\n")
        let report = try checkout.report()
        #expect(report["schemaVersion"] as? Int == 1 && report["ok"] as? Bool == true && report["verified"] as? Bool == true)
    }

    @Test func theGateStepStopsATamperedModelNamingTheCheck() throws {
        let checkout = try Checkout()
        try checkout.scratch.write("model/config.json", #"{"architecture":"evil"}"#)
        let result = try checkout.run(try Self.gateScript())
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasPrefix("gate: rejected: integrity: "), "\(result.stdout)")
        #expect(result.stdout.contains("config.json"), "\(result.stdout)")
        #expect(try checkout.report()["ok"] as? Bool == false)
    }

    @Test func theGateStepReportsAMisconfiguredPipeline() throws {
        let checkout = try Checkout()
        try FileManager.default.removeItem(atPath: checkout.scratch.path("keys/release.pub"))
        let result = try checkout.run(try Self.gateScript())
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasPrefix("gate: misconfigured: "), "\(result.stdout)")
        #expect(result.stdout.contains("keys/release.pub"), "\(result.stdout)")
        let error = try #require(try checkout.report()["error"] as? [String: Any])
        #expect(error["kind"] as? String == "bad-input")
    }

    /// The pipelines' own lines: the sign jobs with the key in a variable (as a CI secret
    /// store hands it over), then the verify jobs, each exit 0 with an accepting report.
    @Test func thePipelineExamplesSignAndVerify() throws {
        let commands = try Self.pipelineCommands()
        let signs = commands.filter { $0.hasPrefix("artefact sign ") }
        let verifies = commands.filter { $0.hasPrefix("artefact verify ") }
        #expect(signs.count == 2 && verifies.count == 2, "\(commands)")
        let checkout = try Checkout()
        let pem = String(decoding: try checkout.scratch.read("release.key"), as: UTF8.self)
        let secrets = ["ARTEFACT_SIGNING_KEY": pem, "ARTEFACT_PASSPHRASE": KeyPair.passphrase,
                       "GITHUB_REF_NAME": "1.0.1", "CI_COMMIT_TAG": "1.0.1"]
        for command in signs {
            let result = try checkout.run(command, environment: secrets)
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        for command in verifies {
            try? FileManager.default.removeItem(atPath: checkout.scratch.path("verify-report.json"))
            let result = try checkout.run(command)
            #expect(result.status == 0, "\(command): \(result.stderr)")
            let report = try checkout.report()
            #expect(report["ok"] as? Bool == true && report["verified"] as? Bool == true, "\(command)")
            #expect((report["model"] as? [String: Any])?["version"] as? String == "1.0.1", "\(command)")
        }
    }
}
