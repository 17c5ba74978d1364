import Foundation
import Testing

/// A registry is outside both stores' trust boundaries: a push is verified under the
/// source store's policy before the first byte leaves, and a pull under the destination
/// store's policy before the first byte is written. Both rejections are logged.
@Suite struct RegistryPolicyTests {
    @Test func aPushIsRefusedWhenTheSourcePolicyNoLongerTrustsTheSigner() throws {
        let fixture = try RegistryFixture()
        let world = fixture.world
        let policy = try world.writePolicy("source-policy.json")
        let (_, source) = try fixture.storedModel(policy: policy)
        // The store's policy changes after the model came in: now it trusts another key only.
        let successor = try KeyPair.generate(in: world.scratch, name: "successor")
        try world.writePolicy("source-policy.json", signers: [successor])

        let result = try fixture.push(source, "resnet@1.0.0")
        expectRejected(result, check: "signature", mentioning: ["no trusted signer"])
        // Verified before connecting: the registry holds nothing, not even the repository.
        #expect(fixture.registry.storedBlobs.isEmpty)
        #expect(try fixture.registry.manifestDigest("ml/resnet", tag: "1.0.0") == nil)
        #expect(!FileManager.default.fileExists(atPath: "\(fixture.registry.dataDirectory)/docker/registry/v2/repositories/ml/resnet"))

        let entry = try #require(try world.auditEntries(source).last)
        #expect(entry["action"] as? String == "transfer-out")
        #expect(entry["result"] as? String == "rejected")
        #expect((entry["reason"] as? String)?.hasPrefix("signature: ") == true, "reason: \(entry["reason"] ?? "")")
        #expect((entry["destination"] as? [String: Any])?["location"] as? String == fixture.registry.reference("ml/resnet"))
    }

    @Test func aPullIntoAStoreBelowTheModelsClassificationIsRejectedAndLogged() throws {
        let fixture = try RegistryFixture()
        let world = fixture.world
        let cleared = try world.writePolicy("source-policy.json", clearance: "confidential")
        let (_, source) = try fixture.storedModel(signArguments: ["--classification", "confidential"], policy: cleared)
        try fixture.pushAccepted(source, "resnet@1.0.0")
        let destination = try world.makeStore("destination", policy: try world.writePolicy("destination-policy.json", clearance: "internal"))
        let index = try world.indexBytes(destination)

        let result = try fixture.pull(into: destination)
        expectRejected(result, check: "classification", mentioning: ["confidential"])
        #expect(try world.labels(destination).isEmpty)
        #expect(try world.indexBytes(destination) == index)
        #expect(world.blobNames(destination).isEmpty, "bytes were written before the verdict")
        let entry = try #require(try world.auditEntries(destination).last)
        #expect(entry["action"] as? String == "transfer-in")
        #expect(entry["result"] as? String == "rejected")
        #expect((entry["reason"] as? String)?.hasPrefix("classification: ") == true, "reason: \(entry["reason"] ?? "")")
        #expect((entry["source"] as? [String: Any])?["location"] as? String == fixture.registry.reference("ml/resnet", tag: "1.0.0"))
        expectAccepted(try world.run(["audit", "verify", destination]))
    }

    @Test func aPullIntoAStoreThatTrustsAnotherSignerIsRejected() throws {
        let fixture = try RegistryFixture()
        let world = fixture.world
        let (_, source) = try fixture.storedModel()
        try fixture.pushAccepted(source, "resnet@1.0.0")
        let stranger = try KeyPair.generate(in: world.scratch, name: "stranger")
        let destination = try world.makeStore("destination", policy: try world.writePolicy("destination-policy.json", signers: [stranger]))

        let result = try fixture.pull(into: destination)
        expectRejected(result, check: "signature", mentioning: ["no trusted signer"])
        #expect(try world.labels(destination).isEmpty)
        #expect(world.blobNames(destination).isEmpty, "bytes were written before the verdict")
        #expect(try world.auditEntries(destination).last?["result"] as? String == "rejected")
    }
}
