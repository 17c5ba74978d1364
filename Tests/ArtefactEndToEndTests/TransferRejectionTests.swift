import Foundation
import Testing

/// Crossings the destination must refuse: each exits 1 naming its check, publishes
/// nothing, and leaves a "rejected" entry in the log of every store involved.
@Suite struct TransferRejectionTests {
    /// Expects `result` to be a rejection by `check` that left `store` exactly as it was.
    private func expectNothingPublished(in store: String, indexBefore: Data, labelsBefore: [String], world: StoreFixture,
                                        sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try world.labels(store) == labelsBefore, sourceLocation: sourceLocation)
        #expect(try world.indexBytes(store) == indexBefore, "index.json changed", sourceLocation: sourceLocation)
    }

    /// The newest log entry of `store`, which must record a rejection by `check`.
    @discardableResult
    private func expectLoggedRejection(in store: String, action: String, check: String, world: StoreFixture,
                                       sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let entry = try #require(try world.auditEntries(store).last, sourceLocation: sourceLocation)
        #expect(entry["action"] as? String == action, sourceLocation: sourceLocation)
        #expect(entry["result"] as? String == "rejected", sourceLocation: sourceLocation)
        #expect((entry["reason"] as? String)?.hasPrefix("\(check): ") == true, "reason: \(entry["reason"] ?? "")",
                sourceLocation: sourceLocation)
        return entry
    }

    @Test func aSourceFileChangedAfterSigningIsRejectedAndLogged() throws {
        let world = try StoreFixture()
        let model = try world.signedModel("model", name: "resnet", version: "1.0.0")
        // Same size, different bytes: only hashing while copying can tell.
        try flipByte(in: "\(model)/weights/model.safetensors", at: 1000)
        let store = try world.makeStore("store")
        let index = try world.indexBytes(store)

        let result = try world.transfer(model, store)
        expectRejected(result, check: "integrity", mentioning: ["weights/model.safetensors", "does not match its signed digest"])
        try expectNothingPublished(in: store, indexBefore: index, labelsBefore: [], world: world)
        let entry = try expectLoggedRejection(in: store, action: "transfer-in", check: "integrity", world: world)
        #expect((entry["model"] as? [String: Any])?["name"] as? String == "resnet")
        #expect(world.stagingNames(store).isEmpty, "the mismatching copy stays in staging: \(world.stagingNames(store))")
        expectAccepted(try world.run(["audit", "verify", store]))
    }

    @Test func aSourceFileOfTheWrongSizeIsRejectedBeforeCopying() throws {
        let world = try StoreFixture()
        let model = try world.signedModel("model", name: "resnet", version: "1.0.0")
        try world.overwrite("config.json", in: model, with: #"{"architecture":"huge","layers":200}"#)
        let store = try world.makeStore("store")
        let index = try world.indexBytes(store)

        expectRejected(try world.transfer(model, store), check: "integrity", mentioning: ["changed: config.json"])
        try expectNothingPublished(in: store, indexBefore: index, labelsBefore: [], world: world)
        try expectLoggedRejection(in: store, action: "transfer-in", check: "integrity", world: world)
        #expect(world.blobNames(store).isEmpty)
    }

    @Test func aModelAboveTheStoresClearanceIsRejected() throws {
        let world = try StoreFixture()
        let model = try world.signedModel("model", name: "secret", version: "1.0.0", signArguments: ["--classification", "confidential"])
        let store = try world.makeStore("store", policy: try world.writePolicy(environment: "prod", clearance: "internal"))
        let index = try world.indexBytes(store)

        expectRejected(try world.transfer(model, store), check: "classification", mentioning: ["confidential"])
        try expectNothingPublished(in: store, indexBefore: index, labelsBefore: [], world: world)
        try expectLoggedRejection(in: store, action: "transfer-in", check: "classification", world: world)
        #expect(world.blobNames(store).isEmpty, "bytes were written before the verdict")
    }

    @Test func aSignerTheSourceTrustsButTheDestinationDoesNotIsRejectedAndLoggedOnBothSides() throws {
        let world = try StoreFixture()
        let other = try KeyPair.generate(in: world.scratch, name: "other")
        let model = try world.signedModel("model", name: "llama", version: "2.0.0")
        let cloud = try world.makeStore("cloud", environment: "cloud")
        let onprem = try world.makeStore("onprem", environment: "onprem",
                                         policy: try world.writePolicy("onprem-policy.json", environment: "onprem", signers: [other]))
        try world.transferAccepted(model, cloud)
        let index = try world.indexBytes(onprem)

        let result = try world.transfer(cloud, onprem, ["--model", "llama@2.0.0", "--json"])
        #expect(result.status == 1, "stderr: \(result.stderr)")
        let outcome = try jsonObject(result.stdout)
        #expect(outcome["accepted"] as? Bool == false)
        #expect((outcome["reason"] as? String)?.hasPrefix("signature: ") == true, "reason: \(outcome["reason"] ?? "")")
        let id = try #require(outcome["transferId"] as? String)
        try expectNothingPublished(in: onprem, indexBefore: index, labelsBefore: [], world: world)

        let incoming = try expectLoggedRejection(in: onprem, action: "transfer-in", check: "signature", world: world)
        let outgoing = try expectLoggedRejection(in: cloud, action: "transfer-out", check: "signature", world: world)
        #expect(incoming["transferId"] as? String == id)
        #expect(outgoing["transferId"] as? String == id)
        #expect(try world.labels(cloud) == ["llama@2.0.0"])
    }

    @Test func anUnversionedModelIsRefusedByAStore() throws {
        let world = try StoreFixture()
        let model = try world.signedModel("model", name: "bert", version: nil)
        let store = try world.makeStore("store")
        let index = try world.indexBytes(store)

        expectRejected(try world.transfer(model, store), check: "version", mentioning: ["no signed version", "--version"])
        try expectNothingPublished(in: store, indexBefore: index, labelsBefore: [], world: world)
        try expectLoggedRejection(in: store, action: "transfer-in", check: "version", world: world)
    }

    @Test func aSignatureThatHasExpiredSinceItsFirstCrossingIsRejectedAtTheNext() throws {
        let world = try StoreFixture()
        let model = try world.signedModel("model", name: "bert", version: "1.0.0", signArguments: ["--expires", "1h"])
        let cloud = try world.makeStore("cloud", environment: "cloud")
        let onprem = try world.makeStore("onprem", environment: "onprem")
        try world.transferAccepted(model, cloud)
        let index = try world.indexBytes(onprem)
        let later = timeFromNow(seconds: 2 * 3600)

        expectRejected(try world.transfer(cloud, onprem, ["--model", "bert@1.0.0", "--at", later]), check: "expiry")
        try expectNothingPublished(in: onprem, indexBefore: index, labelsBefore: [], world: world)
        try expectLoggedRejection(in: onprem, action: "transfer-in", check: "expiry", world: world)
        try expectLoggedRejection(in: cloud, action: "transfer-out", check: "expiry", world: world)
        // The store that accepted it in time will not hand it out either.
        expectRejected(try world.transfer(cloud, world.path("served"), ["--model", "bert", "--at", later]), check: "expiry")
        #expect(!FileManager.default.fileExists(atPath: world.path("served")))
        // Before expiry, the same crossing works.
        try world.transferAccepted(cloud, onprem, ["--model", "bert@1.0.0"])
    }

    @Test func aCrossingsClockCannotBeMovedBack() throws {
        let world = try StoreFixture()
        let model = try world.signedModel("model", name: "bert", version: "1.0.0")
        let store = try world.makeStore("store")
        let index = try world.indexBytes(store)
        let earlier = timeFromNow(seconds: -3 * 86_400)
        expectBadInput(try world.transfer(model, store, ["--at", earlier]), mentioning: ["--at cannot move a crossing's clock back"])
        #expect(try world.indexBytes(store) == index)
    }

    @Test func aStoreWithABitFlippedBlobCannotSendThatModelOn() throws {
        let world = try StoreFixture()
        let model = try world.signedModel("model", name: "bert", version: "1.0.0")
        let source = try world.makeStore("source")
        let destination = try world.makeStore("destination")
        try world.transferAccepted(model, source)
        let weights = try Data(contentsOf: URL(fileURLWithPath: "\(model)/weights/model.safetensors"))
        let blob = try #require(world.blobNames(source).first { name in
            (try? Data(contentsOf: URL(fileURLWithPath: "\(source)/blobs/sha256/\(name)"))) == weights
        })
        try flipByte(in: "\(source)/blobs/sha256/\(blob)", at: 10)
        let index = try world.indexBytes(destination)

        expectRejected(try world.transfer(source, destination, ["--model", "bert"]), check: "integrity",
                       mentioning: ["weights/model.safetensors"])
        try expectNothingPublished(in: destination, indexBefore: index, labelsBefore: [], world: world)
        expectRejected(try world.transfer(source, world.path("served"), ["--model", "bert"]), check: "integrity")
        #expect(!FileManager.default.fileExists(atPath: world.path("served")))
        #expect(listing(world.scratch.url.path).allSatisfy { !$0.hasPrefix(".served.partial") })
    }
}
