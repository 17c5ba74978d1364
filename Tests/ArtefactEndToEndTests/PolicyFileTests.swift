import Foundation
import Testing

/// One malformed policy: its text (with `team.pub` beside it) and what the message must name.
struct BadPolicy: Sendable, CustomTestStringConvertible {
    let label: String
    let text: String
    let fragments: [String]

    var testDescription: String { label }

    /// A valid policy's members, for cases that change one thing.
    static let signers = #""signers": {"team": {"key": "team.pub"}}"#
    static let rules = #""rules": [{"models": "*", "signers": ["team"]}]"#

    static func policy(environment: String = #""environment": "onprem", "clearance": "internal""#,
                       signers: String = signers, rules: String = rules, extra: String = "") -> String {
        "{\(environment), \(signers), \(rules)\(extra)}"
    }

    static let all: [BadPolicy] = [
        BadPolicy(label: "unknown top-level field", text: policy(extra: #", "comment": "x""#),
                  fragments: [#"policy has an unknown field "comment""#]),
        BadPolicy(label: "unknown signer field",
                  text: policy(signers: #""signers": {"team": {"key": "team.pub", "comment": "x"}}"#),
                  fragments: [#"policy.signers.team has an unknown field "comment""#]),
        BadPolicy(label: "unknown rule field",
                  text: policy(rules: #""rules": [{"models": "*", "signers": ["team"], "treshold": 1}]"#),
                  fragments: [#"policy.rules[0] has an unknown field "treshold""#]),
        BadPolicy(label: "duplicate top-level key",
                  text: policy(environment: #""environment": "onprem", "clearance": "internal", "clearance": "restricted""#),
                  fragments: [#"duplicate key "clearance""#]),
        BadPolicy(label: "duplicate signer name",
                  text: policy(signers: #""signers": {"team": {"key": "team.pub"}, "team": {"key": "team.pub"}}"#),
                  fragments: [#"duplicate key "team""#]),
        BadPolicy(label: "unknown signer in a rule",
                  text: policy(rules: #""rules": [{"models": "*", "signers": ["team", "ghost"]}]"#),
                  fragments: ["policy.rules[0].signers", #""ghost""#, "policy.signers does not define"]),
        BadPolicy(label: "signer named twice in a rule",
                  text: policy(rules: #""rules": [{"models": "*", "signers": ["team", "team"]}]"#),
                  fragments: ["policy.rules[0].signers names a signer twice"]),
        BadPolicy(label: "threshold above the signer count",
                  text: policy(rules: #""rules": [{"models": "*", "signers": ["team"], "threshold": 2}]"#),
                  fragments: ["policy.rules[0].threshold", "(1)"]),
        BadPolicy(label: "threshold of zero",
                  text: policy(rules: #""rules": [{"models": "*", "signers": ["team"], "threshold": 0}]"#),
                  fragments: ["policy.rules[0].threshold"]),
        BadPolicy(label: "signer with both key and ca",
                  text: policy(signers: #""signers": {"team": {"key": "team.pub", "ca": "team.pub"}}"#),
                  fragments: ["policy.signers.team", #"exactly one of "key" or "ca""#]),
        BadPolicy(label: "signer with neither key nor ca",
                  text: policy(signers: #""signers": {"team": {"identity": "CN=*"}}"#),
                  fragments: ["policy.signers.team", #"exactly one of "key" or "ca""#]),
        BadPolicy(label: "crl beside a key",
                  text: policy(signers: #""signers": {"team": {"key": "team.pub", "crl": "team.pub"}}"#),
                  fragments: ["policy.signers.team", #""crl""#]),
        BadPolicy(label: "missing key file",
                  text: policy(signers: #""signers": {"team": {"key": "missing.pub"}}"#),
                  fragments: ["policy.signers.team", "missing.pub", "does not exist"]),
        BadPolicy(label: "missing ca file",
                  text: policy(signers: #""signers": {"corp": {"ca": "missing-root.pem"}}"#,
                               rules: #""rules": [{"models": "*", "signers": ["corp"]}]"#),
                  fragments: ["policy.signers.corp", "missing-root.pem", "does not exist"]),
        BadPolicy(label: "unknown clearance",
                  text: policy(environment: #""environment": "onprem", "clearance": "secret""#),
                  fragments: ["policy.clearance", #""secret""#]),
        BadPolicy(label: "max_age_days of zero",
                  text: policy(rules: #""rules": [{"models": "*", "signers": ["team"], "max_age_days": 0}]"#),
                  fragments: ["policy.rules[0].max_age_days"]),
    ]
}

/// Policy files are parsed strictly: every mistake is bad input (exit 2) naming its field,
/// whether the policy is loaded by `verify` or by `policy check`.
@Suite struct PolicyFileTests {
    @Test(arguments: BadPolicy.all)
    func malformedPolicyIsBadInput(_ bad: BadPolicy) throws {
        let scratch = try Scratch()
        let team = try KeyPair.generate(in: scratch, name: "team")
        let model = try scratch.makeModel(weightBytes: 1024)
        try expectSuccess(try TrustCLI.sign(model, with: team), "sign")
        try scratch.write("policy.json", bad.text)

        let verified = try TrustCLI.verify(model, policy: scratch.path("policy.json"))
        expectBadInput(verified, mentioning: ["policy \(scratch.path("policy.json"))"] + bad.fragments)
        let checked = try CLI.run(["policy", "check", scratch.path("policy.json")])
        expectBadInput(checked, mentioning: bad.fragments)
    }

    @Test func theSameTextWithoutTheMistakeIsValid() throws {
        let scratch = try Scratch()
        let team = try KeyPair.generate(in: scratch, name: "team")
        let model = try scratch.makeModel(weightBytes: 1024)
        try expectSuccess(try TrustCLI.sign(model, with: team), "sign")
        try scratch.write("policy.json", BadPolicy.policy())

        expectAccepted(try TrustCLI.verify(model, policy: scratch.path("policy.json")))
    }

    @Test func pathsAreRelativeToThePolicyFileNotTheWorkingDirectory() throws {
        let scratch = try Scratch()
        let team = try KeyPair.generate(in: scratch, name: "team")
        let model = try scratch.makeModel(weightBytes: 1024)
        try expectSuccess(try TrustCLI.sign(model, with: team), "sign")
        try scratch.write("etc/artefact/keys/team.pub", try scratch.read("team.pub"))
        try scratch.write("etc/artefact/policy.json", BadPolicy.policy(signers: #""signers": {"team": {"key": "keys/team.pub"}}"#))

        let result = try CLI.run(["verify", model, "--policy", "etc/artefact/policy.json"], directory: scratch.url)
        expectAccepted(result)
    }

    @Test func missingPolicyFileIsBadInput() throws {
        let scratch = try Scratch()
        let model = try scratch.makeModel(weightBytes: 1024)
        expectBadInput(try TrustCLI.verify(model, policy: scratch.path("nope.json")), mentioning: ["nope.json", "does not exist"])
    }

    @Test func policyAndKeyTogetherAreBadInput() throws {
        let scratch = try Scratch()
        let team = try KeyPair.generate(in: scratch, name: "team")
        let model = try scratch.makeModel(weightBytes: 1024)
        try scratch.write("policy.json", BadPolicy.policy())
        let result = try CLI.run(["verify", model, "--policy", scratch.path("policy.json"), "--key", team.publicKey], directory: scratch.url)
        expectBadInput(result, mentioning: ["--policy", "--key"])
    }
}
