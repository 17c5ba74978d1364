import Foundation
import Testing

/// A bucket that does not exist is named as such (exit 3), never taken for a prefix
/// without a bundle, and nothing is published.
@Suite struct S3MissingBucketTests {
    @Test func aMissingBucketIsAnOperationalFailureThatNamesIt() throws {
        let fixture = try S3Fixture()
        let (_, source) = try fixture.storedModel()
        let destination = try fixture.world.makeStore("destination")
        let location = "s3://no-such-bucket-here/resnet"
        let pulled = try fixture.run(["transfer", location, destination])
        expectOperationalFailure(pulled, mentioning: ["bucket no-such-bucket-here does not exist"])
        #expect(try fixture.world.labels(destination).isEmpty)
        expectOperationalFailure(try fixture.run(["transfer", source, location, "--model", "resnet@1.0.0"]),
                                 mentioning: ["bucket no-such-bucket-here does not exist"])
        expectOperationalFailure(try fixture.run(["verify", location, "--key", fixture.world.signer.publicKey]),
                                 mentioning: ["bucket no-such-bucket-here does not exist"])
    }
}
