/// Sends S3 requests: signs each (`S3RequestSigner`) at the moment it goes, runs it
/// on a pooled connection under one deadline, turns refusals into errors that name their
/// cause, and retries an idempotent request the server was too busy for, with backoff,
/// within that same deadline.
final class S3RequestSender: Sendable {
    static let errorBodyLimit = 64 << 10

    let access: S3Access
    /// `https://HOST[:PORT]` as messages name the server.
    let server: String
    private let signer: S3RequestSigner
    private let pool: S3ConnectionPool
    private let failure: S3Failure
    private let retryPolicy: S3RetryPolicy

    init(_ access: S3Access, retryPolicy: S3RetryPolicy = S3RetryPolicy()) throws {
        self.access = access
        self.retryPolicy = retryPolicy
        if access.addressing == .virtual && HostAddress.isIPLiteral(access.endpoint.host) {
            throw ArtefactError.badInput("virtual-hosted addressing puts the bucket in the host name, which \(access.endpoint) cannot take (an IP address): use path-style addressing")
        }
        signer = S3RequestSigner(access)
        server = "https://\(signer.authority)"
        let context = try TLSContext(access.tls, keyPassphrase: access.keyPassphrase)
        pool = S3ConnectionPool(host: signer.host, port: access.endpoint.port, context: context, settings: access.tls)
        failure = S3Failure(server: server, bucket: access.location.bucket)
    }

    var peerSubject: String? { pool.peerSubject }

    /// The error for an answer outside what a request accepts.
    func error(for response: HTTPResponse, body: S3ErrorResponse?, action: String) -> ArtefactError {
        failure.error(status: response.status, reason: response.reason, response: body, action: action)
    }

    /// Sends `request` and hands an answer whose status is in `accepted` to `handle`, which
    /// must read or discard its body on the connection it is given. Any other answer is an
    /// error; a busy or failing server is retried when the request is idempotent.
    func send<Result>(_ request: S3Request, accepting accepted: Set<Int>,
                      _ handle: (HTTPResponse, KeptAliveConnection) throws -> Result) throws -> Result {
        let deadline = request.streamingBytes > 0 ? access.tls.deadline(streaming: request.streamingBytes) : access.tls.requestDeadline
        var retry = 0
        while true {
            var retryable = false
            do {
                // A request that cannot be resent goes on a new connection: on a kept-alive
                // one the server may have closed while it sat idle, and it would fail.
                return try pool.withConnection(fresh: !request.isIdempotent) { connection in
                    let response = try connection.exchange(signer.signed(request, at: .now), authority: signer.authority, deadline: deadline,
                                                           resendable: request.isIdempotent)
                    if accepted.contains(response.status) { return try handle(response, connection) }
                    let body = try readErrorBody(response, method: request.method, on: connection)
                    retryable = request.isIdempotent && S3RetryPolicy.isRetryable(status: response.status, code: body?.code)
                    throw error(for: response, body: body, action: request.action)
                }
            } catch let refusal as ArtefactError where retryable {
                let remaining = deadline.remainingMilliseconds(cap: Int(Int32.max))
                guard let pause = retryPolicy.pause(beforeRetry: retry, remainingMilliseconds: remaining, jitter: Double.random(in: 0...1)) else {
                    throw retry == 0 ? refusal : failure.exhausted(refusal, retries: retry)
                }
                sleepOnThisThread(milliseconds: pause)
                retry += 1
            }
        }
    }

    /// The `<Error>` document of a refusal, if it has one (HEAD answers have no body).
    func readErrorBody(_ response: HTTPResponse, method: String, on connection: KeptAliveConnection) throws -> S3ErrorResponse? {
        guard method != "HEAD" else {
            try connection.discardBody(of: response, method: method)
            return nil
        }
        let bytes = try connection.readBody(of: response, method: method, limit: Self.errorBodyLimit)
        return S3ErrorResponse.decode(bytes, from: server)
    }
}
