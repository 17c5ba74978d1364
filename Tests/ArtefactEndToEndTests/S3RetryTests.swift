@testable import ArtefactCore
import Testing

/// The S3 client against a busy server (HTTP 503 SlowDown): an idempotent request is sent
/// again after a pause and succeeds; a POST that starts a multipart upload is never
/// resent; and retries stop at the request's deadline.
@Suite struct S3RetryTests {
    @Test func aListingIsRetriedUntilTheServerAnswers() throws {
        let scratch = try Scratch()
        let server = try MisbehavingS3(busy: 2, in: scratch)
        #expect(try server.client.listObjects(prefix: "resnet/", limit: 10).isEmpty)
        let seen = server.requests
        #expect(seen.count == 3)
        #expect(seen.map { $0.prefix(4) } == ["503 ", "503 ", "200 "])
        #expect(seen.allSatisfy { $0.contains("GET /models?list-type=2&prefix=resnet%2F HTTP/1.1") })
    }

    @Test func startingAMultipartUploadIsNeverResent() throws {
        let scratch = try Scratch()
        let server = try MisbehavingS3(busy: 1, in: scratch)
        #expect {
            try server.client.createMultipartUpload("resnet/weights.bin")
        } throws: { error in
            let error = error as? ArtefactError
            return error?.kind == .operational && error!.message.contains("SlowDown") && error!.message.contains("starting a multipart upload")
        }
        #expect(server.requests.count == 1)
        // The next request finds the server well again.
        #expect(try server.client.createMultipartUpload("resnet/weights.bin") == "u1")
    }

    @Test func retriesStopAtTheRequestDeadline() throws {
        let scratch = try Scratch()
        let server = try MisbehavingS3(busy: 1000, requestTimeout: 2, in: scratch)
        #expect {
            try server.client.checkBucket()
        } throws: { error in
            let error = error as? ArtefactError
            return error?.kind == .operational && error!.message.contains("SlowDown") && error!.message.contains("within the request deadline")
        }
        let seen = server.requests.count
        #expect(seen >= 2 && seen <= 1 + S3RetryPolicy().maximumRetries)
    }
}
