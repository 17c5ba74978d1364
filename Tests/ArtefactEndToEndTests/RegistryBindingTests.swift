import ArtefactCore
import Foundation
import Testing

/// A pull takes what was asked for or nothing: a registry that answers a tag with another
/// validly signed model, with a signature made for another image, or with an image whose
/// annotations speak of another model is refused (exit 1), nothing is published, and the
/// destination logs the rejection.
@Suite struct RegistryBindingTests {
    /// A source store holding each `name@version` (all the same small model's files), and
    /// an empty destination store.
    private func world(_ labels: [(String, String)]) throws -> (fixture: RegistryFixture, source: String, destination: String) {
        let fixture = try RegistryFixture()
        let source = try fixture.world.makeStore("source")
        for (name, version) in labels {
            let model = try fixture.world.signedModel("model-\(name)-\(version)", name: name, version: version)
            try fixture.world.transferAccepted(model, source)
        }
        return (fixture, source, try fixture.world.makeStore("destination"))
    }

    private func expectNothingPublished(_ fixture: RegistryFixture, _ destination: String, check: String,
                                        sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try fixture.world.labels(destination).isEmpty, sourceLocation: sourceLocation)
        let entry = try #require(try fixture.world.auditEntries(destination).last, sourceLocation: sourceLocation)
        #expect(entry["result"] as? String == "rejected", sourceLocation: sourceLocation)
        #expect((entry["reason"] as? String)?.hasPrefix("\(check): ") == true, "reason: \(entry["reason"] ?? "")",
                sourceLocation: sourceLocation)
    }

    @Test func anotherSignedModelServedUnderTheTagIsRejected() throws {
        let (fixture, source, destination) = try world([("other-model", "7.0.0")])
        try fixture.pushAccepted(source, "other-model@7.0.0")
        try fixture.registry.copyManifest("ml/resnet", from: "7.0.0", to: "1.0.0")

        let plain = try fixture.pull(into: destination)
        expectRejected(plain, check: "model", mentioning: ["other-model@7.0.0", "not the tag 1.0.0", "nothing was published"])
        try expectNothingPublished(fixture, destination, check: "model")

        let named = try fixture.pull(into: destination, ["--model", "resnet@1.0.0"])
        expectRejected(named, check: "model", mentioning: ["other-model", "not resnet"])
        try expectNothingPublished(fixture, destination, check: "model")

        // The right name does not make up for the wrong version.
        let nameOnly = try fixture.pull(into: destination, ["--model", "other-model"])
        expectRejected(nameOnly, check: "model", mentioning: ["not the tag 1.0.0"])
        try expectNothingPublished(fixture, destination, check: "model")
        #expect(fixture.world.blobNames(destination).isEmpty, "bytes were written before the verdict")
    }

    @Test func theRightTagWithTheWrongNameIsRejectedWhenTheNameIsGiven() throws {
        let (fixture, source, destination) = try world([("evil", "1.0.0")])
        try fixture.pushAccepted(source, "evil@1.0.0", to: "ml/resnet")
        let result = try fixture.pull(into: destination, ["--model", "resnet"])
        expectRejected(result, check: "model", mentioning: ["evil", "not resnet"])
        try expectNothingPublished(fixture, destination, check: "model")
        // Without --model, the signed name is what gets published.
        try fixture.pullAccepted(into: destination)
        #expect(try fixture.world.labels(destination) == ["evil@1.0.0"])
    }

    @Test func aSignatureMadeForAnotherImageIsRejected() throws {
        let (fixture, source, destination) = try world([("evil", "1.0.0"), ("resnet", "1.0.0")])
        // evil@1.0.0 first, then resnet@1.0.0 takes over the tag; evil's signature
        // manifest is then put where resnet's belongs. Both sign the same files.
        try fixture.pushAccepted(source, "evil@1.0.0")
        let evil = try #require(try fixture.registry.manifestDigest("ml/resnet", tag: "1.0.0"))
        try fixture.pushAccepted(source, "resnet@1.0.0")
        let resnet = try #require(try fixture.registry.manifestDigest("ml/resnet", tag: "1.0.0"))
        try #require(evil != resnet)
        try fixture.registry.copyManifest("ml/resnet", from: Self.signatureTag(evil), to: Self.signatureTag(resnet))

        let result = try fixture.pull(into: destination)
        expectRejected(result, check: "subject", mentioning: ["signs another image", String(evil.dropFirst(7))])
        try expectNothingPublished(fixture, destination, check: "subject")
    }

    /// The signature manifest is not signed, so a registry can point it at any image. An
    /// image that claims another model in its annotations or config is refused, even
    /// when the files and the signature are all genuine.
    @Test(arguments: ["annotations", "config"]) func anImageThatClaimsAnotherModelIsRejected(_ part: String) throws {
        let (fixture, source, destination) = try world([("evil", "1.0.0"), ("resnet", "1.0.0")])
        try fixture.pushAccepted(source, "resnet@1.0.0", to: "ml/resnet")
        let resnetConfig = try #require((try fixture.registry.manifest("ml/resnet", tag: "1.0.0")["config"]) as? [String: Any])
        try fixture.pushAccepted(source, "evil@1.0.0", to: "ml/resnet")
        let evil = try #require(try fixture.registry.manifestDigest("ml/resnet", tag: "1.0.0"))

        // evil's image, dressed as resnet: its name annotation or its config changed.
        var image = try fixture.registry.manifest("ml/resnet", tag: "1.0.0")
        if part == "annotations" {
            var annotations = image["annotations"] as? [String: Any] ?? [:]
            annotations["dev.artefact.model.name"] = "resnet"
            image["annotations"] = annotations
        } else {
            image["config"] = resnetConfig
        }
        let dressed = try JSONSerialization.data(withJSONObject: image, options: [.sortedKeys, .withoutEscapingSlashes])
        try fixture.registry.putManifest("ml/resnet", tag: "1.0.0", dressed)
        let dressedDigest = "sha256:\(SHA256Hasher.digest(Array(dressed)).hex)"
        // evil's genuine signature, its subject pointed at the dressed image.
        var signature = try fixture.registry.manifest("ml/resnet", tag: Self.signatureTag(evil))
        var subject = try #require(signature["subject"] as? [String: Any])
        subject["digest"] = dressedDigest
        subject["size"] = dressed.count
        signature["subject"] = subject
        try fixture.registry.putManifest("ml/resnet", tag: Self.signatureTag(dressedDigest),
                                         try JSONSerialization.data(withJSONObject: signature, options: [.sortedKeys, .withoutEscapingSlashes]))

        let result = try fixture.pull(into: destination)
        expectRejected(result, check: "subject", mentioning: [part == "annotations" ? "dev.artefact.model.name" : "config"])
        try expectNothingPublished(fixture, destination, check: "subject")
    }

    @Test func theGenuineModelStillPulls() throws {
        let (fixture, source, destination) = try world([("resnet", "1.0.0")])
        try fixture.pushAccepted(source, "resnet@1.0.0")
        try fixture.pullAccepted(into: destination, ["--model", "resnet@1.0.0"])
        #expect(try fixture.world.labels(destination) == ["resnet@1.0.0"])
    }

    static func signatureTag(_ digest: String) -> String { "sha256-\(digest.dropFirst("sha256:".count)).sig" }
}

extension RegistryServer {
    /// Puts `bytes` as the manifest tagged `tag`, as a registry's owner could.
    func putManifest(_ repository: String, tag: String, _ bytes: Data) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-\(UUID().uuidString).json")
        try bytes.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try CLI.runTool("curl", ["--silent", "--show-error", "--fail", "--cacert", pki.ca, "--cert", pki.client.certificate,
                                              "--key", pki.client.key, "--request", "PUT",
                                              "--header", "Content-Type: application/vnd.oci.image.manifest.v1+json",
                                              "--data-binary", "@\(file.path)",
                                              "https://\(address)/v2/\(repository)/manifests/\(tag)"])
        guard result.status == 0 else { throw FixtureError("PUT manifest \(tag) failed: \(result.stderr)") }
    }

    /// Tags the manifest tagged `from` also as `to`, byte for byte (so its digest is kept).
    func copyManifest(_ repository: String, from: String, to: String) throws {
        let result = try CLI.runTool("curl", ["--silent", "--show-error", "--fail", "--cacert", pki.ca, "--cert", pki.client.certificate,
                                              "--key", pki.client.key, "--header", "Accept: application/vnd.oci.image.manifest.v1+json",
                                              "https://\(address)/v2/\(repository)/manifests/\(from)"])
        guard result.status == 0 else { throw FixtureError("GET manifest \(from) failed: \(result.stderr)") }
        try putManifest(repository, tag: to, Data(result.stdout.utf8))
    }
}
