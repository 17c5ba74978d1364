@testable import ArtefactCore
import Testing

/// S3 refusals become errors that name their cause, and busy servers are retried with a
/// growing pause that never outlasts the request's deadline.
@Suite struct S3FailureTests {
    let failure = S3Failure(server: "https://s3.test", bucket: "models")

    func message(_ status: Int, _ code: String?, _ text: String = "m") -> ArtefactError {
        failure.error(status: status, reason: "Reason", response: code.map { S3ErrorResponse(code: $0, message: text) }, action: "writing s3://models/k")
    }

    @Test func eachCodeNamesItsCause() {
        #expect(message(404, "NoSuchBucket").message.hasPrefix("bucket models does not exist at https://s3.test"))
        #expect(message(403, "AccessDenied").message.contains("check AWS_ACCESS_KEY_ID"))
        #expect(message(403, "InvalidAccessKeyId").message.contains("check AWS_ACCESS_KEY_ID"))
        #expect(message(403, "SignatureDoesNotMatch").message.contains("check AWS_SECRET_ACCESS_KEY"))
        #expect(message(403, "SignatureDoesNotMatch").message.contains("clock"))
        #expect(message(403, "RequestTimeTooSkewed").message.contains("clock"))
        #expect(message(400, "BadDigest").message.contains("does not match the SHA-256"))
        #expect(message(403, nil).message.contains("HTTP 403"))
        #expect(message(418, "Teapot").message == "https://s3.test answered HTTP 418 Reason, Teapot: \"m\" while writing s3://models/k")
        for status in [400, 403, 404, 500, 503] { #expect(message(status, "Any").kind == .operational) }
    }

    @Test func serverTextIsBoundedAndPrintable() {
        let text = message(500, "X\u{1B}[31m", String(repeating: "a", count: 1000) + "\n").message
        #expect(!text.contains("\u{1B}") && !text.contains("\n"))
        #expect(text.count < 500)
    }

    @Test func whatIsRetryable() {
        for status in [500, 502, 503, 504] { #expect(S3RetryPolicy.isRetryable(status: status, code: nil)) }
        #expect(S3RetryPolicy.isRetryable(status: 400, code: "RequestTimeout"))
        #expect(S3RetryPolicy.isRetryable(status: 503, code: "SlowDown"))
        for status in [400, 403, 404, 412] { #expect(!S3RetryPolicy.isRetryable(status: status, code: "AccessDenied")) }
    }

    @Test func pausesGrowAndStopAtTheDeadlineOrTheRetryCount() {
        let policy = S3RetryPolicy()
        let plenty = 3_600_000
        let longest = (0..<policy.maximumRetries).map { policy.pause(beforeRetry: $0, remainingMilliseconds: plenty, jitter: 1)! }
        let shortest = (0..<policy.maximumRetries).map { policy.pause(beforeRetry: $0, remainingMilliseconds: plenty, jitter: 0)! }
        #expect(longest == [200, 400, 800, 1600, 3200])
        #expect(shortest == [100, 200, 400, 800, 1600])
        #expect(policy.pause(beforeRetry: policy.maximumRetries, remainingMilliseconds: plenty, jitter: 0) == nil)
        // Never a pause that would leave the request less than a second of its deadline.
        #expect(policy.pause(beforeRetry: 3, remainingMilliseconds: 2_000, jitter: 0) == 800)
        #expect(policy.pause(beforeRetry: 3, remainingMilliseconds: 1_700, jitter: 1) == nil)
        var capped = S3RetryPolicy()
        capped.maximumRetries = 100
        #expect(capped.pause(beforeRetry: 60, remainingMilliseconds: plenty, jitter: 1) == capped.capMilliseconds)
    }
}
