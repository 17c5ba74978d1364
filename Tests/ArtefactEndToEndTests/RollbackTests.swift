import Foundation
import Testing

/// Rollback and freeze protection at a store's door: no version below the highest
/// accepted (unless the policy allows that model's downgrade, which is logged), never the
/// same version with other content, and versions ordered as numbers with pre-releases
/// before their release.
@Suite struct RollbackTests {
    /// Signs `name@version` in its own directory; `flavour` changes config.json so that
    /// two signings of one version can differ.
    private func sign(_ world: StoreFixture, _ name: String, _ version: String, flavour: String = "") throws -> String {
        try world.signedModel("\(name)-\(version)\(flavour.isEmpty ? "" : "-" + flavour)", name: name, version: version) { model in
            try world.overwrite("config.json", in: model, with: #"{"release":"\#(version)","flavour":"\#(flavour)"}"#)
        }
    }

    @Test func anOlderVersionAfterANewerOneIsRejected() throws {
        let world = try StoreFixture()
        let store = try world.makeStore("store")
        try world.transferAccepted(try sign(world, "resnet", "1.1.0"), store)
        let index = try world.indexBytes(store)

        expectRejected(try world.transfer(try sign(world, "resnet", "1.0.0"), store), check: "rollback",
                       mentioning: ["resnet@1.0.0 is lower than 1.1.0"])
        #expect(try world.labels(store) == ["resnet@1.1.0"])
        #expect(try world.indexBytes(store) == index)
        let entry = try #require(try world.auditEntries(store).last)
        #expect(entry["result"] as? String == "rejected")
        #expect((entry["reason"] as? String)?.hasPrefix("rollback: ") == true)
    }

    @Test func aDowngradeThePolicyAllowsIsAcceptedAndLoggedAsSuch() throws {
        let world = try StoreFixture()
        let policy = try world.writePolicy(environment: "prod", allowDowngrade: ["resnet"])
        let store = try world.makeStore("store", policy: policy)
        try world.transferAccepted(try sign(world, "resnet", "1.1.0"), store)

        let outcome = try world.transferAccepted(try sign(world, "resnet", "1.0.0"), store)
        #expect((outcome["reason"] as? String)?.contains("downgrade from 1.1.0") == true, "reason: \(outcome["reason"] ?? "")")
        #expect(try world.labels(store) == ["resnet@1.0.0", "resnet@1.1.0"])
        let entry = try #require(try world.auditEntries(store).last)
        #expect(entry["result"] as? String == "accepted")
        let reason = try #require(entry["reason"] as? String)
        #expect(reason.contains("downgrade") && reason.contains("allow_downgrade"), "reason: \(reason)")

        // The allowance names one model; another stays protected.
        try world.transferAccepted(try sign(world, "bert", "2.0.0"), store)
        expectRejected(try world.transfer(try sign(world, "bert", "1.0.0"), store), check: "rollback")
    }

    @Test func theSameVersionWithDifferentContentIsRejected() throws {
        let world = try StoreFixture()
        let store = try world.makeStore("store")
        try world.transferAccepted(try sign(world, "resnet", "1.0.0", flavour: "original"), store)
        let digest = try world.listedDigest(store, "resnet@1.0.0")
        let index = try world.indexBytes(store)

        let result = try world.transfer(try sign(world, "resnet", "1.0.0", flavour: "impostor"), store)
        expectRejected(result, check: "rollback", mentioning: ["resnet@1.0.0 is already in the store", "different content"])
        #expect(try world.indexBytes(store) == index)
        #expect(try world.listedDigest(store, "resnet@1.0.0") == digest)
    }

    @Test func theStoreRemembersTheHighestVersionEvenWhenItsIndexEntryIsRemoved() throws {
        let world = try StoreFixture()
        let store = try world.makeStore("store")
        try world.transferAccepted(try sign(world, "resnet", "2.0.0"), store)
        // Someone removes 2.0.0 from the index by hand; state.json still knows it.
        let empty = #"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}"#
        try Data(empty.utf8).write(to: URL(fileURLWithPath: "\(store)/index.json"))
        #expect(try world.labels(store).isEmpty)

        expectRejected(try world.transfer(try sign(world, "resnet", "1.0.0"), store), check: "rollback",
                       mentioning: ["lower than 2.0.0"])
        expectRejected(try world.transfer(try sign(world, "resnet", "2.0.0", flavour: "other"), store), check: "rollback",
                       mentioning: ["was accepted before", "different content"])
    }

    /// Pairs (lower, higher): the higher is accepted after the lower, and the lower is
    /// refused after the higher. A string comparison would get the first pair wrong.
    @Test(arguments: [("1.9.0", "1.10.0"), ("2.0.0-rc.1", "2.0.0"), ("2.0.0-rc.2", "2.0.0-rc.10"), ("1.2", "1.2.1"),
                      ("2.0.0-alpha", "2.0.0-beta")])
    func versionsAreOrderedNumerically(lower: String, higher: String) throws {
        let world = try StoreFixture()
        let rising = try world.makeStore("rising")
        let falling = try world.makeStore("falling")
        let lowerModel = try sign(world, "gpt", lower)
        let higherModel = try sign(world, "gpt", higher)

        try world.transferAccepted(lowerModel, rising)
        try world.transferAccepted(higherModel, rising)
        #expect(try world.labels(rising) == ["gpt@\(higher)", "gpt@\(lower)"].sorted())

        try world.transferAccepted(higherModel, falling)
        expectRejected(try world.transfer(lowerModel, falling), check: "rollback",
                       mentioning: ["gpt@\(lower) is lower than \(higher)"])
    }

    @Test func aVersionThatCannotBeOrderedIsRefused() throws {
        let world = try StoreFixture()
        let store = try world.makeStore("store")
        expectRejected(try world.transfer(try sign(world, "gpt", "latest"), store), check: "version",
                       mentioning: ["\"latest\" is not dotted numeric"])
        #expect(try world.labels(store).isEmpty)
    }
}
