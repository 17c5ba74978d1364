/// When to send an idempotent request again after the server said it was busy or failed
/// inside (HTTP 500/502/503/504, `SlowDown`, `RequestTimeout`, `InternalError`): up to
/// `maximumRetries` times, after an exponentially growing pause, half of it random (so that
/// workers refused together do not come back together),, and
/// never when the pause would end past the request's own deadline.
struct S3RetryPolicy: Sendable {
    var maximumRetries = 5
    var baseMilliseconds = 200
    var capMilliseconds = 10_000

    /// The S3 error codes that mean "not done, try again".
    static let retryableCodes: Set<String> = ["SlowDown", "RequestTimeout", "InternalError", "ServiceUnavailable", "Throttling",
                                              "ThrottlingException", "RequestLimitExceeded", "TooManyRequests"]

    static func isRetryable(status: Int, code: String?) -> Bool {
        [500, 502, 503, 504].contains(status) || code.map(retryableCodes.contains) == true
    }

    /// The pause before retry number `retry` (0 for the first), or nil to stop: when the
    /// retries are used up, or when the pause (half the step's length, plus `jitter`, 0 to
    /// 1, of the other half) would leave less than a second of the `remainingMilliseconds`
    /// for the request itself.
    func pause(beforeRetry retry: Int, remainingMilliseconds: Int, jitter: Double) -> Int? {
        guard retry < maximumRetries else { return nil }
        let ceiling = min(capMilliseconds, baseMilliseconds << min(retry, 20))
        let pause = ceiling / 2 + Int(Double(ceiling / 2) * min(max(jitter, 0), 1))
        guard pause + 1000 < remainingMilliseconds else { return nil }
        return pause
    }
}
