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

    /// A store's policy that trusts the OMS fixture's EC key, anchoring the world's audit key.
    static func storePolicy(_ world: StoreFixture, key: String, formats: String) throws -> String {
        try world.scratch.write("oms-policy.json", """
        {"environment": "lab", "clearance": "public", "signers": {"hub": {"key": "\(key)"}},
         "rules": [{"models": "*", "signers": ["hub"], "formats": \(formats)}], "audit_key": "\(world.auditKey.publicKey)"}
        """)
        return world.path("oms-policy.json")
    }

    /// An OMS-signed directory crosses into a store only under a rule that accepts OMS and
    /// with the version the operator gives, which the crossing log marks as operator-asserted.
    @Test func anOMSModelCrossesIntoAStoreWithAnOperatorAssertedVersion() throws {
        let world = try StoreFixture()
        let oms = try OMSFixture.make { _, model in try FileManager.default.removeItem(atPath: "\(model)/latest.json") }
        let closed = try world.makeStore("closed", environment: "lab", policy: try Self.storePolicy(world, key: oms.publicKey, formats: #"["artefact"]"#))
        expectRejected(try world.transfer(oms.model, closed, ["--version", "1.0.0"]), check: "rule", mentioning: ["formats"])

        let store = try world.makeStore("store", environment: "lab", policy: try Self.storePolicy(world, key: oms.publicKey, formats: #"["artefact", "oms"]"#))
        expectRejected(try world.transfer(oms.model, store), check: "version", mentioning: ["--version"])
        #expect(try world.listedModels(store).isEmpty)

        try world.transferAccepted(oms.model, store, ["--version", "1.0.0"])
        #expect(try world.labels(store) == ["model@1.0.0"])
        let entry = try #require(try world.auditEntries(store).last)
        #expect(entry["result"] as? String == "accepted")
        let model = try #require(entry["model"] as? [String: Any])
        #expect(model["version"] as? String == "1.0.0")
        #expect(model["versionSource"] as? String == "operator")
        expectAccepted(try world.run(["audit", "verify", store]))
        #expect(try world.verifyStore(store).status == 0)
    }

    @Test func anOMSModelTamperedAfterSigningDoesNotEnterAStore() throws {
        let world = try StoreFixture()
        let oms = try OMSFixture.make { _, model in try FileManager.default.removeItem(atPath: "\(model)/latest.json") }
        let store = try world.makeStore("store", environment: "lab", policy: try Self.storePolicy(world, key: oms.publicKey, formats: #"["oms"]"#))
        var weights = try oms.scratch.read("model/weights/model.safetensors")
        weights[1000] ^= 1
        try oms.scratch.write("model/weights/model.safetensors", weights)
        expectRejected(try world.transfer(oms.model, store, ["--version", "1.0.0"]), check: "integrity", mentioning: ["weights/model.safetensors"])
        #expect(try world.listedModels(store).isEmpty)
        try oms.write("extra.txt", "x")
        expectRejected(try world.transfer(oms.model, store, ["--version", "1.0.0"]), check: "integrity", mentioning: ["unexpected: extra.txt"])
    }

    @Test func versionIsBadInputForAnArtefactBundle() throws {
        let world = try StoreFixture()
        let model = try world.signedModel("model", name: "resnet", version: "1.0.0")
        let store = try world.makeStore("store")
        let result = try world.transfer(model, store, ["--version", "2.0.0"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("signs its own version"), "\(result.stderr)")
        #expect(try world.listedModels(store).isEmpty)
    }
}
