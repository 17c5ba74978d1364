import Foundation
import Testing

/// A registry is not trusted for content: bytes changed on its disk, a signature deleted
/// from it, or a bundle changed there each make the pull a rejection (exit 1) that
/// publishes nothing and is logged by the destination store.
@Suite struct RegistryTamperTests {
    /// A registry holding a pushed `resnet@1.0.0`, and an empty destination store.
    private func pushed() throws -> (fixture: RegistryFixture, model: String, destination: String, index: Data) {
        let fixture = try RegistryFixture()
        let (model, source) = try fixture.storedModel()
        try fixture.pushAccepted(source, "resnet@1.0.0")
        let destination = try fixture.world.makeStore("destination")
        return (fixture, model, destination, try fixture.world.indexBytes(destination))
    }

    /// Nothing published, and the destination's newest log entry a rejection by `check`.
    private func expectRejectedAndLogged(_ fixture: RegistryFixture, _ destination: String, index: Data, check: String,
                                         sourceLocation: SourceLocation = #_sourceLocation) throws {
        let world = fixture.world
        #expect(try world.labels(destination).isEmpty, sourceLocation: sourceLocation)
        #expect(try world.indexBytes(destination) == index, "index.json changed", sourceLocation: sourceLocation)
        let entry = try #require(try world.auditEntries(destination).last, sourceLocation: sourceLocation)
        #expect(entry["action"] as? String == "transfer-in", sourceLocation: sourceLocation)
        #expect(entry["result"] as? String == "rejected", sourceLocation: sourceLocation)
        #expect((entry["reason"] as? String)?.hasPrefix("\(check): ") == true, "reason: \(entry["reason"] ?? "")",
                sourceLocation: sourceLocation)
        let from = entry["source"] as? [String: Any]
        #expect(from?["location"] as? String == fixture.registry.reference("ml/resnet", tag: "1.0.0"), sourceLocation: sourceLocation)
        expectAccepted(try world.run(["audit", "verify", destination]), sourceLocation: sourceLocation)
    }

    @Test func aFileBlobChangedOnTheRegistrysDiskIsRejected() throws {
        let (fixture, _, destination, index) = try pushed()
        let weights = try #require(try fixture.registry.layerDigests("ml/resnet", tag: "1.0.0")["weights/model.safetensors"])
        // Same size, one byte different: only hashing the bytes as they arrive can tell.
        try flipByte(in: fixture.registry.blobDataPath(weights), at: 1000)

        let result = try fixture.pull(into: destination)
        expectRejected(result, check: "integrity", mentioning: ["weights/model.safetensors", "does not match its signed digest"])
        try expectRejectedAndLogged(fixture, destination, index: index, check: "integrity")
        #expect(fixture.world.stagingNames(destination).filter { $0.hasSuffix(".part") }.isEmpty,
                "the mismatching copy stays in staging: \(fixture.world.stagingNames(destination))")
    }

    @Test func aTagWhoseSignatureManifestWasDeletedIsRejectedAsUnsigned() throws {
        let (fixture, _, destination, index) = try pushed()
        let digest = try #require(try fixture.registry.manifestDigest("ml/resnet", tag: "1.0.0"))
        let signatureTag = "sha256-\(digest.dropFirst("sha256:".count)).sig"
        let signature = try #require(try fixture.registry.manifestDigest("ml/resnet", tag: signatureTag))
        let deleted = try fixture.registry.api("DELETE", "/v2/ml/resnet/manifests/\(signature)")
        try #require(deleted.status == 202, "DELETE answered \(deleted.status)")
        try #require(try fixture.registry.manifestDigest("ml/resnet", tag: signatureTag) == nil)
        // The model manifest and its blobs are all still there.
        #expect(try fixture.registry.manifestDigest("ml/resnet", tag: "1.0.0") == digest)

        let result = try fixture.pull(into: destination)
        expectRejected(result, check: "bundle", mentioning: ["ml/resnet:1.0.0", "has no signature"])
        try expectRejectedAndLogged(fixture, destination, index: index, check: "bundle")
        #expect(fixture.world.blobNames(destination).isEmpty, "bytes were written before the verdict")
    }

    @Test func aSignatureBundleChangedOnTheRegistrysDiskIsRejected() throws {
        let (fixture, _, destination, index) = try pushed()
        let digest = try #require(try fixture.registry.manifestDigest("ml/resnet", tag: "1.0.0"))
        let bundles = try fixture.registry.layerDigests("ml/resnet", tag: "sha256-\(digest.dropFirst("sha256:".count)).sig")
        let bundle = try #require(bundles.values.first)
        try #require(bundles.count == 1, "signature manifest layers: \(bundles)")
        try flipByte(in: fixture.registry.blobDataPath(bundle), at: 40)

        let result = try fixture.pull(into: destination)
        expectRejected(result, check: "integrity", mentioning: ["sha256:\(bundle)", "does not match its digest"])
        try expectRejectedAndLogged(fixture, destination, index: index, check: "integrity")
        #expect(fixture.world.blobNames(destination).isEmpty, "bytes were written before the verdict")
    }
}
