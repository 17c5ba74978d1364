import Foundation
import Testing

/// `artefact policy check`: shows what a valid policy trusts, as text or JSON, and warns
/// about rules that can never apply.
@Suite struct PolicyCheckCommandTests {
    /// A policy with a bare key, a certificate signer with CRL and identity, and two rules.
    private struct Fixture {
        let scratch: Scratch
        let pki: TestPKI
        let team: KeyPair
        let crl: String

        init() throws {
            scratch = try Scratch()
            pki = try TestPKI(in: scratch, name: "Corp")
            team = try KeyPair.generate(in: scratch, name: "team")
            crl = try pki.writeCRL("intermediate.crl")
        }

        func policy(rules: [[String: Any]], identity: String? = "CN=ml-signer-*") throws -> String {
            var corp: [String: Any] = ["ca": pki.root.certificate, "crl": crl]
            if let identity { corp["identity"] = identity }
            return try PolicyFile.write([
                "environment": "onprem-prod", "clearance": "confidential",
                "signers": ["team": ["key": team.publicKey], "corp": corp],
                "rules": rules,
            ], in: scratch)
        }
    }

    private static var orderedRules: [[String: Any]] { [
        ["models": "llama-*", "signers": ["team", "corp"], "threshold": 2, "max_age_days": 30],
        ["models": "*", "signers": ["corp"]],
    ] }

    @Test func printsSignersAndRules() throws {
        let fixture = try Fixture()
        let policy = try fixture.policy(rules: Self.orderedRules)

        let result = try CLI.run(["policy", "check", policy])
        expectAccepted(result)
        let text = result.stdout
        #expect(text.contains("policy for environment \"onprem-prod\""), "\(text)")
        #expect(text.contains("clearance confidential"), "\(text)")
        let json = try jsonObject(try CLI.run(["policy", "check", policy, "--json"]).stdout)
        let keyID = try #require((json["signers"] as? [[String: Any]])?.first { $0["name"] as? String == "team" }?["keyid"] as? String)
        #expect(text.contains("team: key \(keyID)\n"), "\(text)")
        #expect(text.contains("corp: certificates under \"CN=Corp Root,O=Example\""), "\(text)")
        #expect(text.contains("identity: \"CN=ml-signer-*\""), "\(text)")
        #expect(text.contains("CRL from \"CN=Corp Intermediate,O=Example\""), "\(text)")
        // The JSON's RFC 3339 next update is the same moment as the text's OpenSSL form.
        let printed = try #require(text.firstMatch(of: #/next update ([A-Z][a-z]{2} +[0-9]+ [0-9:]{8} [0-9]{4}) GMT/#)?.output.1, "\(text)")
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "MMM d HH:mm:ss yyyy"
        let moment = try #require(formatter.date(from: printed.split(separator: " ").joined(separator: " ")), "\(printed)")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'"
        let crl = (json["signers"] as? [[String: Any]])?.first { $0["name"] as? String == "corp" }?["crls"] as? [[String: Any]]
        #expect(crl?.first?["nextUpdate"] as? String == formatter.string(from: moment), "\(String(describing: crl)) vs \(printed)")
        #expect(text.contains("1. \"llama-*\": 2 of team, corp, signatures at most 30 day(s) old"), "\(text)")
        #expect(text.contains("2. \"*\": 1 of corp"), "\(text)")
    }

    @Test func jsonDescribesThePolicy() throws {
        let fixture = try Fixture()
        let policy = try fixture.policy(rules: Self.orderedRules)

        let result = try CLI.run(["policy", "check", policy, "--json"])
        expectAccepted(result)
        let document = try jsonObject(result.stdout)
        #expect(document["valid"] as? Bool == true)
        #expect(document["file"] as? String == policy)
        #expect(document["environment"] as? String == "onprem-prod")
        #expect(document["clearance"] as? String == "confidential")
        #expect(document["warnings"] as? [String] == [])

        let signers = try #require(document["signers"] as? [[String: Any]])
        let team = try #require(signers.first { $0["name"] as? String == "team" })
        #expect(team["kind"] as? String == "key")
        #expect((team["keyid"] as? String)?.count == 64, "\(team)")
        let corp = try #require(signers.first { $0["name"] as? String == "corp" })
        #expect(corp["kind"] as? String == "ca")
        #expect(corp["roots"] as? [String] == ["CN=Corp Root,O=Example"])
        #expect(corp["identity"] as? String == "CN=ml-signer-*")
        let crls = try #require(corp["crls"] as? [[String: Any]])
        #expect(crls.first?["issuer"] as? String == "CN=Corp Intermediate,O=Example")
        // JSON times are RFC 3339 UTC, the CRL's next update too (the text keeps OpenSSL's form).
        let nextUpdate = try #require(crls.first?["nextUpdate"] as? String, "\(crls)")
        #expect(nextUpdate.wholeMatch(of: #/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/#) != nil, "\(nextUpdate)")
        #expect(document["schemaVersion"] as? Int == 1 && document["ok"] as? Bool == true)
        #expect(rules0MaxAgeAgrees(document))

        let rules = try #require(document["rules"] as? [[String: Any]])
        #expect(rules.count == 2)
        #expect(rules[0]["number"] as? Int == 1)
        #expect(rules[0]["models"] as? String == "llama-*")
        #expect(rules[0]["signers"] as? [String] == ["team", "corp"])
        #expect(rules[0]["threshold"] as? Int == 2)
        #expect(rules[0]["max_age_days"] as? Int == 30)
        #expect(rules[1]["threshold"] as? Int == 1)
        #expect(rules[1]["max_age_days"] is NSNull)
    }

    /// maxAgeDays, the camelCase name, says what max_age_days (kept for schemaVersion 1) says.
    private func rules0MaxAgeAgrees(_ document: [String: Any]) -> Bool {
        guard let rules = document["rules"] as? [[String: Any]], let first = rules.first else { return false }
        return first["maxAgeDays"] as? Int == 30 && first["max_age_days"] as? Int == 30
    }

    @Test func warnsAboutAShadowedRule() throws {
        let fixture = try Fixture()
        let policy = try fixture.policy(rules: [
            ["models": "*", "signers": ["corp"]],
            ["models": "llama-*", "signers": ["team", "corp"], "threshold": 2],
        ])

        let text = try CLI.run(["policy", "check", policy])
        #expect(text.status == 0, "\(text.stderr)")
        let expected = "rule 2 (\"llama-*\") can never apply: rule 1 (\"*\") comes first"
        #expect(text.errorLines.count == 1, "\(text.stderr)")
        #expect(text.errorLine.hasPrefix("artefact: warning: \(expected)"), "\(text.stderr)")

        let json = try CLI.run(["policy", "check", policy, "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let warnings = try #require(try jsonObject(json.stdout)["warnings"] as? [String])
        #expect(warnings.count == 1)
        #expect(warnings.first?.hasPrefix(expected) == true, "\(warnings)")
    }

    @Test func warnsAboutACertificateSignerWithoutIdentity() throws {
        let fixture = try Fixture()
        let policy = try fixture.policy(rules: Self.orderedRules, identity: nil)

        let result = try CLI.run(["policy", "check", policy, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let warnings = try #require(try jsonObject(result.stdout)["warnings"] as? [String])
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("signer corp has no identity pattern") == true, "\(warnings)")
    }
}
