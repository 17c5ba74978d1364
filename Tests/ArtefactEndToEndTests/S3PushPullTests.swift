import Foundation
import Testing

/// A signed model pushed from a store to a real S3 server (SeaweedFS over mutual TLS 1.3),
/// verified where it lies, and pulled into another store: the plain layout in the bucket
/// (no object for a symlink), the same tree back byte for byte and link for link, and both
/// crossings logged with the prefix and the server's certificate.
@Suite struct S3PushPullTests {
    @Test func pushVerifyInPlaceAndPullBackGiveTheSignedTree() throws {
        let fixture = try S3Fixture()
        let world = fixture.world
        let (model, source) = try fixture.storedModel()

        let pushed = try fixture.pushAccepted(source, "resnet@1.0.0")
        #expect(try #require(integer(pushed["bytesCopied"])) >= world.signedBytes(of: model))
        #expect(pushed["alreadyPresent"] as? Bool == false)
        // PREFIX/<path> for every file, PREFIX/model.sig, and nothing for the symlink latest.json.
        #expect(try fixture.server.objects(under: S3Fixture.prefix + "/") == fixture.expectedObjects(of: model))
        #expect(try fixture.server.object("\(S3Fixture.prefix)/model.sig", scratch: world.scratch)
                    == Data(contentsOf: URL(fileURLWithPath: "\(model)/model.sig")))

        let verified = try fixture.verify(["--json"])
        expectAccepted(verified)
        let report = try jsonObject(verified.stdout)
        #expect(report["verified"] as? Bool == true)
        #expect(report["path"] as? String == fixture.server.location(S3Fixture.prefix))
        let checks = try #require(report["checks"] as? [[String: Any]])
        #expect(checks.map { $0["check"] as? String } .contains("integrity"))
        #expect(checks.allSatisfy { $0["result"] as? String == "pass" }, "checks: \(checks)")

        let destination = try world.makeStore("destination")
        let pulled = try fixture.pullAccepted(into: destination)
        #expect(try world.labels(destination) == ["resnet@1.0.0"])
        #expect(try world.listedDigest(destination, "resnet@1.0.0") == world.listedDigest(source, "resnet@1.0.0"))
        try fixture.expectExportMatches(destination, "resnet@1.0.0", original: model)

        let out = try #require(try world.auditEntries(source).first { $0["transferId"] as? String == pushed["transferId"] as? String })
        #expect(out["action"] as? String == "transfer-out")
        #expect(out["result"] as? String == "accepted")
        let towards = try #require(out["destination"] as? [String: Any])
        #expect(towards["location"] as? String == fixture.server.location(S3Fixture.prefix))
        #expect((towards["peer"] as? String)?.contains("CN=registry.test") == true, "peer: \(towards)")
        let into = try #require(try world.auditEntries(destination).first { $0["transferId"] as? String == pulled["transferId"] as? String })
        #expect(into["action"] as? String == "transfer-in")
        #expect(into["result"] as? String == "accepted")
        let from = try #require(into["source"] as? [String: Any])
        #expect(from["location"] as? String == fixture.server.location(S3Fixture.prefix))
        #expect((from["peer"] as? String)?.contains("CN=registry.test") == true, "peer: \(from)")
        expectAccepted(try world.run(["audit", "verify", source]))
        expectAccepted(try world.run(["audit", "verify", destination]))
    }

    @Test func aMultipartPushVerifiesAndPullsBackByteForByte() throws {
        let fixture = try S3Fixture()
        let (model, source) = try fixture.storedModel(weightBytes: 12 << 20)
        let pushed = try fixture.pushAccepted(source, "resnet@1.0.0", environment: S3Fixture.multipart)
        #expect(try #require(integer(pushed["bytesCopied"])) >= 12 << 20)
        #expect(try fixture.server.objects(under: S3Fixture.prefix + "/") == fixture.expectedObjects(of: model))
        // Three parts of at most 5 MiB: a multipart object's ETag ends in its part count.
        let etag = try #require(try fixture.server.head("\(S3Fixture.prefix)/weights/model.safetensors")?.etag)
        #expect(etag.trimmingCharacters(in: CharacterSet(charactersIn: "\"")).hasSuffix("-3"), "ETag \(etag)")
        expectAccepted(try fixture.verify())
        let destination = try fixture.world.makeStore("destination")
        try fixture.pullAccepted(into: destination)
        try fixture.expectExportMatches(destination, "resnet@1.0.0", original: model)
    }

    @Test func pushingTheSameModelAgainIsANoOpThatChangesNothing() throws {
        let fixture = try S3Fixture()
        let (_, source) = try fixture.storedModel(weightBytes: 12 << 20)
        try fixture.pushAccepted(source, "resnet@1.0.0", environment: S3Fixture.multipart)
        let before = try fixture.objectBytes()
        let etags = try before.keys.map { try fixture.server.head($0)?.etag }

        let again = try fixture.pushAccepted(source, "resnet@1.0.0", environment: S3Fixture.multipart)
        #expect(again["alreadyPresent"] as? Bool == true)
        #expect(integer(again["bytesCopied"]) == 0)
        #expect(try fixture.objectBytes() == before)
        #expect(try before.keys.map { try fixture.server.head($0)?.etag } == etags)
    }

    @Test func aPullOrPushOfAPrefixWithoutABundleNamesWhatIsMissing() throws {
        let fixture = try S3Fixture()
        let destination = try fixture.world.makeStore("destination")
        let result = try fixture.pull(into: destination)
        expectRejected(result, check: "bundle", mentioning: ["no model.sig under \(fixture.server.location(S3Fixture.prefix))"])
        #expect(try fixture.world.labels(destination).isEmpty)
        expectRejected(try fixture.verify(), check: "bundle", mentioning: ["incomplete push"])
    }

    @Test func aWebURLIsNotAnEndpoint() throws {
        let fixture = try S3Fixture()
        let (_, source) = try fixture.storedModel()
        expectBadInput(try fixture.run(["transfer", source, "https://\(fixture.server.bucket).example/resnet", "--model", "resnet"]),
                       mentioning: ["oci://", "s3://"])
        expectBadInput(try fixture.push(source, "resnet@1.0.0", environment: ["ARTEFACT_TLS_CA": ""]), mentioning: ["--tls-ca"])
        expectBadInput(try fixture.push(source, "resnet@1.0.0", ["--s3-addressing", "sideways"]), mentioning: ["path or virtual"])
        expectBadInput(try fixture.push(source, "resnet@1.0.0", ["--s3-endpoint", "http://127.0.0.1:1"]), mentioning: ["HTTPS only"])
        #expect(try fixture.server.objects(under: "").isEmpty)
    }

    @Test func theSystemCABundleAloneIsUsedOnlyWhenAskedForAndDoesNotTrustAPrivateCA() throws {
        let fixture = try S3Fixture()
        let (_, source) = try fixture.storedModel()
        let noCA = ["ARTEFACT_TLS_CA": ""]
        expectBadInput(try fixture.push(source, "resnet@1.0.0", environment: noCA), mentioning: ["--tls-ca", "--tls-system-ca"])
        // The system bundle does not hold the test CA: the handshake fails (exit 3), nothing is written.
        let refused = try fixture.push(source, "resnet@1.0.0", ["--tls-system-ca"], environment: noCA)
        #expect(refused.status == 3, "exit \(refused.status): \(refused.stderr)")
        #expect(try fixture.server.objects(under: "").isEmpty)
    }
}
