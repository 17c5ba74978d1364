import Foundation
import Testing

/// `kill -9` in the middle of a multipart push and of a pull (ARTEFACT_TEST_KILL_AT), then
/// a rerun: the push continues the upload from the parts the server holds and the resume
/// record vouches for, the pull continues the partial file with ranged GETs, and the
/// result verifies.
@Suite struct S3ResumeTests {
    static let weightBytes = 3 << 20
    static let multipartWeightBytes = 16 << 20

    @Test func aPushKilledMidMultipartResumesWithThePartsAlreadyUploaded() throws {
        let fixture = try S3Fixture()
        let world = fixture.world
        let (model, source) = try fixture.storedModel(weightBytes: Self.multipartWeightBytes)
        // Four parts of 5 MiB (the last 1 MiB); one job uploads them in order, and the kill
        // comes after the second.
        let run = try world.start(["transfer", source, fixture.server.location(S3Fixture.prefix), "--model", "resnet@1.0.0", "--jobs", "1"],
                                  environment: fixture.server.environment.merging(S3Fixture.multipart) { _, new in new }
                                      .merging(["ARTEFACT_TEST_KILL_AT": "part:2"]) { _, new in new })
        let ending = run.wait()
        #expect(ending.wasKilled, "the push was not killed: \(ending.status) \(ending.stderr)")
        // The record of the unfinished upload is in the source store's staging area; no
        // bundle was written, so the prefix is visibly incomplete.
        #expect(world.stagingNames(source).contains { $0.hasPrefix("s3-upload-") }, "staging: \(world.stagingNames(source))")
        #expect(try fixture.server.objects(under: S3Fixture.prefix + "/")["\(S3Fixture.prefix)/model.sig"] == nil)
        expectRejected(try fixture.verify(), check: "bundle", mentioning: ["incomplete push"])

        let rerun = try fixture.pushAccepted(source, "resnet@1.0.0", ["--jobs", "1"], environment: S3Fixture.multipart)
        // The two recorded parts were kept (listed by the server, re-hashed locally), not resent.
        let reused = try #require(integer(rerun["bytesReused"]))
        let sent = try #require(integer(rerun["bytesCopied"]))
        #expect(reused >= 2 * S3Fixture.partSize, "outcome: \(rerun)")
        #expect(try sent < world.signedBytes(of: model), "outcome: \(rerun)")
        #expect(!world.stagingNames(source).contains { $0.hasPrefix("s3-upload-") }, "staging: \(world.stagingNames(source))")
        #expect(try fixture.server.objects(under: S3Fixture.prefix + "/") == fixture.expectedObjects(of: model))
        expectAccepted(try fixture.verify())
        #expect(try fixture.server.object("\(S3Fixture.prefix)/weights/model.safetensors", scratch: world.scratch)
                    == Data(contentsOf: URL(fileURLWithPath: "\(model)/weights/model.safetensors")))
    }

    @Test func aPullKilledMidFileResumesFromThePartialFile() throws {
        let fixture = try S3Fixture()
        let world = fixture.world
        let (model, source) = try fixture.storedModel(weightBytes: Self.weightBytes)
        try fixture.pushAccepted(source, "resnet@1.0.0")
        let destination = try world.makeStore("destination")
        let index = try world.indexBytes(destination)

        let run = try world.start(["transfer", fixture.server.location(S3Fixture.prefix), destination, "--jobs", "1"],
                                  environment: fixture.server.environment.merging(["ARTEFACT_TEST_KILL_AT": "copy:1048576"]) { _, new in new })
        let ending = run.wait()
        #expect(ending.wasKilled, "the pull was not killed: \(ending.status) \(ending.stderr)")
        #expect(try world.labels(destination).isEmpty)
        #expect(try world.indexBytes(destination) == index)
        let partials = world.stagingNames(destination).filter { $0.hasSuffix(".part") }
        try #require(partials.count == 1, "staging: \(world.stagingNames(destination))")
        let partialSize = try #require(integer(try FileManager.default.attributesOfItem(
            atPath: "\(destination)/artefact/staging/\(partials[0])")[.size]))
        #expect(partialSize > 0 && partialSize < Int64(Self.weightBytes))

        let rerun = try fixture.pullAccepted(into: destination, ["--jobs", "1"])
        #expect(try #require(integer(rerun["bytesReused"])) >= partialSize, "outcome: \(rerun)")
        let copied = try #require(integer(rerun["bytesCopied"]))
        #expect(try copied < world.signedBytes(of: model), "outcome: \(rerun)")
        #expect(try world.labels(destination) == ["resnet@1.0.0"])
        let (status, report) = try world.verifyStore(destination)
        #expect(status == 0, "store verify: \(report)")
        try fixture.expectExportMatches(destination, "resnet@1.0.0", original: model)
    }
}
