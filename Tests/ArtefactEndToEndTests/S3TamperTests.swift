import Foundation
import Testing

/// What a bucket holds is not trusted: an object whose bytes changed (same size), or an
/// object the manifest does not list, rejects both a verify in place and a pull (exit 1),
/// a pull publishes nothing, and the store's log says it was rejected.
@Suite struct S3TamperTests {
    /// A bucket holding `resnet@1.0.0` under the usual prefix, and an empty store.
    private func prepare() throws -> (fixture: S3Fixture, destination: String) {
        let fixture = try S3Fixture()
        let (_, source) = try fixture.storedModel()
        try fixture.pushAccepted(source, "resnet@1.0.0")
        return (fixture, try fixture.world.makeStore("destination"))
    }

    private func expectPullRejected(_ fixture: S3Fixture, into destination: String, check: String, mentioning fragments: [String],
                                    sourceLocation: SourceLocation = #_sourceLocation) throws {
        let index = try fixture.world.indexBytes(destination)
        expectRejected(try fixture.pull(into: destination), check: check, mentioning: fragments, sourceLocation: sourceLocation)
        #expect(try fixture.world.labels(destination).isEmpty, sourceLocation: sourceLocation)
        #expect(try fixture.world.indexBytes(destination) == index, sourceLocation: sourceLocation)
        let entry = try #require(try fixture.world.auditEntries(destination).last, sourceLocation: sourceLocation)
        #expect(entry["action"] as? String == "transfer-in", sourceLocation: sourceLocation)
        #expect(entry["result"] as? String == "rejected", sourceLocation: sourceLocation)
        #expect((entry["source"] as? [String: Any])?["location"] as? String == fixture.server.location(S3Fixture.prefix),
                sourceLocation: sourceLocation)
    }

    @Test func anObjectWithOtherBytesOfTheSameSizeIsRejected() throws {
        let (fixture, destination) = try prepare()
        let key = "\(S3Fixture.prefix)/weights/model.safetensors"
        var bytes = try fixture.server.object(key, scratch: fixture.world.scratch)
        bytes[bytes.count / 2] ^= 0xFF
        try fixture.server.putObject(key, bytes, scratch: fixture.world.scratch)

        let verified = try fixture.verify(["--json"])
        #expect(verified.status == 1, "stderr: \(verified.stderr)")
        let checks = try #require(try jsonObject(verified.stdout)["checks"] as? [[String: Any]])
        let integrity = try #require(checks.first { $0["check"] as? String == "integrity" })
        #expect(integrity["result"] as? String == "fail")
        #expect((integrity["reason"] as? String)?.contains("weights/model.safetensors") == true, "\(integrity)")
        try expectPullRejected(fixture, into: destination, check: "integrity", mentioning: ["weights/model.safetensors"])
    }

    @Test func anObjectTheManifestDoesNotListIsRejectedByName() throws {
        let (fixture, destination) = try prepare()
        try fixture.server.putObject("\(S3Fixture.prefix)/weights/extra.bin", Data(count: 100), scratch: fixture.world.scratch)
        expectRejected(try fixture.verify(), check: "integrity", mentioning: ["unexpected: weights/extra.bin"])
        // The JSON report names it as a directory verify names an extra file.
        let checks = try #require(try jsonObject(try fixture.verify(["--json"]).stdout)["checks"] as? [[String: Any]])
        let integrity = try #require(checks.first { $0["check"] as? String == "integrity" })
        #expect(integrity["extra"] as? [String] == ["weights/extra.bin"], "\(integrity)")
        #expect(integrity["missing"] as? [String] == [], "\(integrity)")
        try expectPullRejected(fixture, into: destination, check: "integrity", mentioning: ["weights/extra.bin"])
    }

    @Test func anObjectAtASymlinksPathIsRejected() throws {
        let (fixture, destination) = try prepare()
        try fixture.server.putObject("\(S3Fixture.prefix)/latest.json", Data("{}".utf8), scratch: fixture.world.scratch)
        expectRejected(try fixture.verify(), check: "integrity", mentioning: ["latest.json"])
        try expectPullRejected(fixture, into: destination, check: "integrity", mentioning: ["latest.json"])
    }

    @Test func aMissingObjectIsRejectedByName() throws {
        let (fixture, destination) = try prepare()
        try fixture.server.deleteObject("\(S3Fixture.prefix)/tokenizer/vocab.json")
        expectRejected(try fixture.verify(), check: "integrity", mentioning: ["missing: tokenizer/vocab.json"])
        try expectPullRejected(fixture, into: destination, check: "integrity", mentioning: ["tokenizer/vocab.json"])
    }
}
