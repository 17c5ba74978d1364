import Foundation
import Testing

/// OMS bundles under a policy file: a rule must opt in with `formats`; the checks that
/// need what OMS does not sign (a classification above public, a signing time for
/// max_age_days) reject with a reason; EC policy signers verify them.
@Suite struct OMSPolicyTests {
    static func policy(_ fixture: OMSFixture, clearance: String = "public", rule: String) throws -> String {
        try fixture.scratch.write("policy.json", """
        {"environment": "lab", "clearance": "\(clearance)", "signers": {"hub": {"key": "oms.pub"}}, "rules": [\(rule)]}
        """)
        return fixture.scratch.path("policy.json")
    }

    @Test func aRuleMustOptInToOMS() throws {
        let fixture = try OMSFixture.make()
        let closed = try Self.policy(fixture, rule: #"{"models": "*", "signers": ["hub"]}"#)
        expectRejected(try CLI.run(["verify", fixture.model, "--policy", closed]), check: "rule", mentioning: ["formats"])
        let open = try Self.policy(fixture, rule: #"{"models": "*", "signers": ["hub"], "formats": ["artefact", "oms"]}"#)
        let accepted = try CLI.run(["verify", fixture.model, "--policy", open])
        expectAccepted(accepted)
    }

    @Test func whatOMSDoesNotSignRejectsWithTheReason() throws {
        let fixture = try OMSFixture.make()
        let classified = try Self.policy(fixture, clearance: "internal", rule: #"{"models": "*", "signers": ["hub"], "formats": ["oms"]}"#)
        expectRejected(try CLI.run(["verify", fixture.model, "--policy", classified]), check: "classification",
                       mentioning: ["OMS bundles carry no classification"])
        let aged = try Self.policy(fixture, rule: #"{"models": "*", "signers": ["hub"], "formats": ["oms"], "max_age_days": 30}"#)
        expectRejected(try CLI.run(["verify", fixture.model, "--policy", aged]), check: "age", mentioning: ["no signing time", "max_age_days"])
    }

    @Test func anArtefactBundleUnderAnOMSOnlyRuleIsRejected() throws {
        let fixture = try SignedFixture.make()
        try fixture.scratch.write("policy.json", """
        {"environment": "lab", "clearance": "restricted", "signers": {"me": {"key": "\(fixture.keys.publicKey)"}},
         "rules": [{"models": "*", "signers": ["me"], "formats": ["oms"]}]}
        """)
        expectRejected(try CLI.run(["verify", fixture.model, "--policy", fixture.scratch.path("policy.json")]), check: "rule",
                       mentioning: ["OMS bundles only"])
    }

    @Test func unknownOrEmptyFormatsAreBadInput() throws {
        let fixture = try OMSFixture.make()
        for formats in [#"["sigstore"]"#, "[]", #"["oms", "oms"]"#] {
            let path = try Self.policy(fixture, rule: #"{"models": "*", "signers": ["hub"], "formats": \#(formats)}"#)
            expectBadInput(try CLI.run(["verify", fixture.model, "--policy", path]), mentioning: ["formats"])
        }
    }

    /// Store crossings of OMS-signed models are not built yet: the transfer refuses the
    /// bundle by name, is logged as a rejection, and publishes nothing.
    @Test func aTransferIntoAStoreRefusesAnOMSBundle() throws {
        let world = try StoreFixture()
        let store = try world.makeStore("store")
        let oms = try OMSFixture.make()
        let result = try world.transfer(oms.model, store)
        expectRejected(result, check: "bundle", mentioning: ["OpenSSF Model Signing bundle"])
        #expect(try world.listedModels(store).isEmpty)
        let entries = try world.auditEntries(store)
        #expect(entries.last?["result"] as? String == "rejected")
    }
}
