import ArtefactCore
import Foundation
import Testing

/// The policy parser reads every member strictly: each member is honoured, and each
/// duplicate, unknown member, wrong type, missing file and out-of-range number is bad input
/// that names where it is (see `Docs/POLICY.md`).
@Suite struct TrustPolicyParserTests {
    /// A directory holding `a.pub`, `b.pub` and the CA certificate `ca.pem`, where policies are parsed.
    private final class PolicyDirectory {
        let path: String

        init() throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("policy-tests-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            for name in ["a", "b"] {
                try Data(try SigningKey.generate().publicKey.pem).write(to: URL(fileURLWithPath: "\(path)/\(name).pub"))
            }
            let certificate = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Fuzz/Corpus/KeyFiles/ca.pem")
            try FileManager.default.copyItem(atPath: certificate.path, toPath: "\(path)/ca.pem")
        }

        deinit { try? FileManager.default.removeItem(atPath: path) }

        func parse(_ json: String) throws -> TrustPolicy {
            try TrustPolicyParser.parse(Array(json.utf8), path: "\(path)/policy.json")
        }
    }

    /// A policy with one key signer `a` and one rule, with `extra` members spliced in at the top.
    static func minimal(_ extra: String = "", signers: String = #"{"a": {"key": "a.pub"}}"#,
                        rules: String = #"[{"models": "*", "signers": ["a"]}]"#) -> String {
        #"{"environment": "prod", "clearance": "internal", "signers": \#(signers), "rules": \#(rules)\#(extra)}"#
    }

    @Test func aMinimalPolicyHasItsDefaults() throws {
        let directory = try PolicyDirectory()
        let policy = try directory.parse(Self.minimal())
        #expect(policy.environment == "prod")
        #expect(policy.clearance == .internal)
        #expect(policy.signers.map(\.name) == ["a"])
        #expect(policy.signers.first?.keyID != nil)
        #expect(policy.rules.count == 1)
        #expect(policy.rules.first?.threshold == 1)
        #expect(policy.rules.first?.maxAgeDays == nil)
        #expect(policy.downgradableModels.isEmpty)
        #expect(!policy.allowsDowngrade(of: "anything"))
        #expect(policy.auditKey == nil)
        #expect(policy.referencedFiles == ["\(directory.path)/a.pub"])
        #expect(policy.sourcePath == "\(directory.path)/policy.json")
    }

    @Test func everyMemberIsHonoured() throws {
        let directory = try PolicyDirectory()
        let policy = try directory.parse(Self.minimal(
            #", "allow_downgrade": ["resnet"], "audit_key": "b.pub""#,
            signers: #"{"a": {"key": "a.pub"}, "b": {"key": "\#(directory.path)/b.pub"}, "corp": {"ca": ["ca.pem"], "identity": "CN=ml-*"}}"#,
            rules: #"[{"models": "llama-*", "signers": ["a", "b", "corp"], "threshold": 2, "max_age_days": 36500}, {"models": "*", "signers": ["corp"]}]"#))
        #expect(Set(policy.signers.map(\.name)) == ["a", "b", "corp"])
        guard case .authority(_, let identity)? = policy.signer(named: "corp")?.trust else {
            Issue.record("corp is not a CA signer")
            return
        }
        #expect(identity?.matches("CN=ml-signer") == true)
        #expect(identity?.matches("CN=other") == false)
        let first = try #require(policy.rules.first)
        #expect(first.number == 1)
        #expect(first.signers == ["a", "b", "corp"])
        #expect(first.threshold == 2)
        #expect(first.maxAgeDays == 36500)
        #expect(policy.rule(forModel: "llama-7b")?.number == 1)
        #expect(policy.rule(forModel: "resnet")?.number == 2)
        #expect(policy.allowsDowngrade(of: "resnet"))
        #expect(!policy.allowsDowngrade(of: "llama-7b"))
        #expect(policy.auditKey != nil)
        #expect(Set(policy.referencedFiles) == ["\(directory.path)/a.pub", "\(directory.path)/b.pub", "\(directory.path)/ca.pem"])
    }

    @Test func aCAMayBeOnePathOrAList() throws {
        let directory = try PolicyDirectory()
        let policy = try directory.parse(Self.minimal(signers: #"{"a": {"ca": "ca.pem"}}"#))
        guard case .authority(_, let identity)? = policy.signer(named: "a")?.trust else {
            Issue.record("a is not a CA signer")
            return
        }
        #expect(identity == nil)
    }

    /// One malformed policy and the words its message must hold.
    struct BadPolicy: Sendable, CustomTestStringConvertible {
        let json: String
        let fragments: [String]
        let testDescription: String

        init(_ description: String, _ json: String, _ fragments: [String]) {
            self.json = json
            self.fragments = fragments
            testDescription = description
        }
    }

    static let badPolicies: [BadPolicy] = [
        BadPolicy("not an object", "[]", ["policy must be an object"]),
        BadPolicy("not JSON", "{", ["policy"]),
        BadPolicy("duplicate member", #"{"environment": "a", "environment": "b"}"#, [#"duplicate key "environment""#]),
        BadPolicy("duplicate signer", minimal(signers: #"{"a": {"key": "a.pub"}, "a": {"key": "b.pub"}}"#), [#"duplicate key "a""#]),
        BadPolicy("unknown member", minimal(#", "rulez": []"#), [#"unknown field "rulez""#]),
        BadPolicy("unknown signer member", minimal(signers: #"{"a": {"key": "a.pub", "keys": "b.pub"}}"#),
                  ["policy.signers.a", #"unknown field "keys""#]),
        BadPolicy("unknown rule member", minimal(rules: #"[{"models": "*", "signers": ["a"], "treshold": 1}]"#),
                  ["policy.rules[0]", #"unknown field "treshold""#]),
        BadPolicy("environment missing", #"{"clearance": "internal", "signers": {"a": {"key": "a.pub"}}, "rules": []}"#,
                  ["policy.environment is missing"]),
        BadPolicy("environment a number", #"{"environment": 7}"#, ["policy.environment must be a string"]),
        BadPolicy("environment empty", #"{"environment": "", "clearance": "internal"}"#, ["policy.environment is empty"]),
        BadPolicy("clearance unknown", #"{"environment": "prod", "clearance": "secret"}"#, [#"policy.clearance "secret" is not one of"#]),
        BadPolicy("signers empty", minimal(signers: "{}"), ["policy.signers must be a non-empty object"]),
        BadPolicy("signers a list", minimal(signers: #"["a"]"#), ["policy.signers must be a non-empty object"]),
        BadPolicy("signer not an object", minimal(signers: #"{"a": "a.pub"}"#), ["policy.signers.a must be an object"]),
        BadPolicy("signer with key and ca", minimal(signers: #"{"a": {"key": "a.pub", "ca": "ca.pem"}}"#),
                  [#"policy.signers.a must have exactly one of "key" or "ca""#]),
        BadPolicy("signer with neither", minimal(signers: #"{"a": {}}"#), [#"exactly one of "key" or "ca""#]),
        BadPolicy("key signer with identity", minimal(signers: #"{"a": {"key": "a.pub", "identity": "CN=x"}}"#),
                  ["is a key signer"]),
        BadPolicy("key signer with crl", minimal(signers: #"{"a": {"key": "a.pub", "crl": "ca.pem"}}"#), ["is a key signer"]),
        BadPolicy("key file missing", minimal(signers: #"{"a": {"key": "gone.pub"}}"#), ["names gone.pub, which does not exist"]),
        BadPolicy("ca an empty list", minimal(signers: #"{"a": {"ca": []}}"#), ["policy.signers.a.ca must be a path or a non-empty list"]),
        BadPolicy("ca list of numbers", minimal(signers: #"{"a": {"ca": [1]}}"#), ["policy.signers.a.ca must hold paths"]),
        BadPolicy("rules missing", #"{"environment": "prod", "clearance": "internal", "signers": {"a": {"key": "a.pub"}}}"#,
                  ["policy.rules is missing"]),
        BadPolicy("rules empty", minimal(rules: "[]"), ["policy.rules is empty"]),
        BadPolicy("rules an object", minimal(rules: "{}"), ["policy.rules must be an array"]),
        BadPolicy("rule models empty", minimal(rules: #"[{"models": "", "signers": ["a"]}]"#), ["policy.rules[0].models is empty"]),
        BadPolicy("rule signers empty", minimal(rules: #"[{"models": "*", "signers": []}]"#), ["policy.rules[0].signers is empty"]),
        BadPolicy("rule signer unknown", minimal(rules: #"[{"models": "*", "signers": ["z"]}]"#),
                  [#"names "z", which policy.signers does not define"#]),
        BadPolicy("rule signer twice", minimal(rules: #"[{"models": "*", "signers": ["a", "a"]}]"#), ["names a signer twice"]),
        BadPolicy("rule signer a number", minimal(rules: #"[{"models": "*", "signers": [1]}]"#), ["policy.rules[0].signers[0] must be a string"]),
        BadPolicy("threshold zero", minimal(rules: #"[{"models": "*", "signers": ["a"], "threshold": 0}]"#),
                  ["threshold must be from 1 to the number of its signers (1)"]),
        BadPolicy("threshold above signers", minimal(rules: #"[{"models": "*", "signers": ["a"], "threshold": 2}]"#),
                  ["threshold must be from 1 to the number of its signers (1)"]),
        BadPolicy("threshold a fraction", minimal(rules: #"[{"models": "*", "signers": ["a"], "threshold": 1.5}]"#),
                  ["threshold must be a whole number"]),
        BadPolicy("max age zero", minimal(rules: #"[{"models": "*", "signers": ["a"], "max_age_days": 0}]"#),
                  ["max_age_days must be from 1 to 36500"]),
        BadPolicy("max age above a century", minimal(rules: #"[{"models": "*", "signers": ["a"], "max_age_days": 36501}]"#),
                  ["max_age_days must be from 1 to 36500"]),
        BadPolicy("allow_downgrade a string", minimal(#", "allow_downgrade": "resnet""#), ["policy.allow_downgrade must be an array"]),
        BadPolicy("allow_downgrade of numbers", minimal(#", "allow_downgrade": [1]"#), ["policy.allow_downgrade[0] must be a string"]),
        BadPolicy("audit_key missing file", minimal(#", "audit_key": "gone.pub""#), ["policy.audit_key names gone.pub, which does not exist"]),
        BadPolicy("audit_key a number", minimal(#", "audit_key": 3"#), ["policy.audit_key must be a string"]),
    ]

    @Test(arguments: badPolicies)
    func aMalformedPolicyIsBadInputNamingTheProblem(_ bad: BadPolicy) throws {
        let directory = try PolicyDirectory()
        do {
            _ = try directory.parse(bad.json)
            Issue.record("accepted: \(bad.json)")
        } catch let error as ArtefactError {
            #expect(error.kind == .badInput, "\(error)")
            #expect(error.message.hasPrefix("policy \(directory.path)/policy.json: "), "\(error)")
            for fragment in bad.fragments { #expect(error.message.contains(fragment), "\"\(fragment)\" is not in: \(error.message)") }
        }
    }
}
