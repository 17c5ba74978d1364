import Foundation
import Testing

/// A signed model pushed from a store to a real registry (docker-registry over mutual TLS
/// 1.3) and pulled into another store: the same bytes arrive, the stores stay clean, and
/// both logs record the crossing with its transfer id, the registry and its certificate.
@Suite struct RegistryPushPullTests {
    @Test func pushThenPullIntoAFreshStoreGivesTheSameBytesAndLogsBothCrossings() throws {
        let fixture = try RegistryFixture()
        let world = fixture.world
        let (model, source) = try fixture.storedModel()

        let pushed = try fixture.pushAccepted(source, "resnet@1.0.0")
        #expect(try #require(integer(pushed["bytesCopied"])) >= world.signedBytes(of: model))
        #expect(integer(pushed["filesReused"]) == 0)
        // The version is the tag; the signature manifest sits under sha256-<manifest hex>.sig.
        let digest = try #require(try fixture.registry.manifestDigest("ml/resnet", tag: "1.0.0"))
        #expect(digest.hasPrefix("sha256:"))
        #expect(try fixture.registry.manifestDigest("ml/resnet", tag: "sha256-\(digest.dropFirst(7)).sig") != nil)

        let destination = try world.makeStore("destination")
        let pulled = try fixture.pullAccepted(into: destination)
        #expect(try world.labels(destination) == ["resnet@1.0.0"])
        #expect(try world.listedDigest(destination, "resnet@1.0.0") == world.listedDigest(source, "resnet@1.0.0"))
        let (status, report) = try world.verifyStore(destination)
        #expect(status == 0, "store verify: \(report)")
        #expect(report["clean"] as? Bool == true)
        try fixture.expectExportMatches(destination, "resnet@1.0.0", original: model)

        // The push: logged by the source store, towards the registry, with its certificate.
        let out = try #require(try world.auditEntries(source).first { $0["transferId"] as? String == pushed["transferId"] as? String })
        #expect(out["action"] as? String == "transfer-out")
        #expect(out["result"] as? String == "accepted")
        let towards = try #require(out["destination"] as? [String: Any])
        #expect(towards["location"] as? String == fixture.registry.reference("ml/resnet"))
        #expect((towards["peer"] as? String)?.contains("CN=registry.test") == true, "peer: \(towards)")
        // The pull: logged by the destination store, from the registry, with its certificate.
        let into = try #require(try world.auditEntries(destination).first { $0["transferId"] as? String == pulled["transferId"] as? String })
        #expect(into["action"] as? String == "transfer-in")
        #expect(into["result"] as? String == "accepted")
        let from = try #require(into["source"] as? [String: Any])
        #expect(from["location"] as? String == fixture.registry.reference("ml/resnet", tag: "1.0.0"))
        #expect((from["peer"] as? String)?.contains("CN=registry.test") == true, "peer: \(from)")
        #expect(pushed["transferId"] as? String != pulled["transferId"] as? String)
        expectAccepted(try world.run(["audit", "verify", source]))
        expectAccepted(try world.run(["audit", "verify", destination]))
    }

    @Test func aSecondPushSendsNoBlobAgain() throws {
        let fixture = try RegistryFixture()
        let (_, source) = try fixture.storedModel()
        let first = try fixture.pushAccepted(source, "resnet@1.0.0")
        let blobs = fixture.registry.storedBlobs

        let second = try fixture.pushAccepted(source, "resnet@1.0.0")
        #expect(integer(second["bytesCopied"]) == 0)
        #expect(integer(second["bytesReused"]) == 0)
        #expect(try #require(integer(second["filesReused"])) > 0)
        #expect(fixture.registry.storedBlobs == blobs)
        #expect(first["transferId"] as? String != second["transferId"] as? String)
    }

    @Test func tlsFilesComeFromTheStoreConfigurationOrTheEnvironment() throws {
        let fixture = try RegistryFixture()
        let world = fixture.world
        let model = try world.signedModel("model", name: "resnet", version: "1.0.0")
        // The source store names its TLS files at init; the push gives none on the command line.
        let source = world.path("source")
        let created = try world.run(["store", "init", source, "--environment", "prod",
                                     "--policy", try world.writePolicy("source-policy.json", anchorAuditKey: false)] + fixture.tlsArguments)
        try #require(created.status == 0, "store init: \(created.stderr)")
        try world.transferAccepted(model, source)
        try fixture.pushAccepted(source, "resnet@1.0.0", tls: [])

        // The destination store has none; the pull takes them from the environment.
        let destination = try world.makeStore("destination")
        try fixture.pullAccepted(into: destination, tls: [], environment: [
            "ARTEFACT_TLS_CA": fixture.pki.ca, "ARTEFACT_TLS_CERT": fixture.pki.client.certificate,
            "ARTEFACT_TLS_KEY": fixture.pki.client.key,
        ])
        try fixture.expectExportMatches(destination, "resnet@1.0.0", original: model)
    }

    @Test func withoutACAFileTheRegistryIsNotContacted() throws {
        let fixture = try RegistryFixture()
        let (_, source) = try fixture.storedModel()
        expectBadInput(try fixture.push(source, "resnet@1.0.0", tls: []), mentioning: ["--tls-ca"])
        #expect(fixture.registry.storedBlobs.isEmpty)
    }

    @Test func pullingATagTheRegistryDoesNotHaveIsAnErrorAndPublishesNothing() throws {
        let fixture = try RegistryFixture()
        let (_, source) = try fixture.storedModel()
        try fixture.pushAccepted(source, "resnet@1.0.0")
        let destination = try fixture.world.makeStore("destination")

        let result = try fixture.pull(tag: "2.0.0", into: destination)
        expectBadInput(result, mentioning: ["ml/resnet:2.0.0", "does not exist"])
        #expect(try fixture.world.labels(destination).isEmpty)
    }
}
