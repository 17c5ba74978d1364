/// Sends S3 requests: addresses each (path-style `/BUCKET/KEY` on the endpoint, or
/// virtual-hosted `BUCKET.HOST/KEY`), signs it with SigV4 at the moment it goes, runs it
/// on a pooled connection under one deadline, turns refusals into errors that name their
/// cause, and retries an idempotent request the server was too busy for, with backoff,
/// within that same deadline.
final class S3RequestSender: Sendable {
    static let errorBodyLimit = 64 << 10

    let access: S3Access
    /// `https://HOST[:PORT]` as messages name the server.
    let server: String
    private let host: String
    private let authority: String
    private let signer: SigV4Signer
    private let pool: S3ConnectionPool
    private let failure: S3Failure
    private let retryPolicy: S3RetryPolicy

    init(_ access: S3Access, retryPolicy: S3RetryPolicy = S3RetryPolicy()) throws {
        self.access = access
        self.retryPolicy = retryPolicy
        switch access.addressing {
        case .path: host = access.endpoint.host
        case .virtual: host = "\(access.location.bucket).\(access.endpoint.host)"
        }
        authority = access.endpoint.port == 443 ? host : "\(host):\(access.endpoint.port)"
        server = "https://\(authority)"
        signer = SigV4Signer(accessKeyID: access.credentials.accessKeyID, secretAccessKey: access.credentials.secretAccessKey,
                             region: access.region, service: "s3")
        let context = try TLSContext(access.tls, keyPassphrase: access.keyPassphrase)
        pool = S3ConnectionPool(host: host, port: access.endpoint.port, context: context, settings: access.tls)
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
                return try pool.withConnection { connection in
                    let response = try connection.exchange(signed(request), authority: authority, deadline: deadline,
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

    /// The request as it goes on the wire now: target, headers, `x-amz-date`,
    /// `x-amz-content-sha256`, the session token, and the `Authorization` over them all.
    func signed(_ request: S3Request, at time: SigV4Timestamp = .now) throws -> HTTPRequest {
        var path: String
        switch access.addressing {
        case .path: path = "/\(access.location.bucket)" + (request.key.map { "/\($0)" } ?? "")
        case .virtual: path = "/" + (request.key ?? "")
        }
        let encodedPath = SigV4Encoding.encodePath(path)
        let query = SigV4Encoding.canonicalQuery(request.query)
        var headers = request.headers
        headers.append(("x-amz-content-sha256", request.payloadHash))
        headers.append(("x-amz-date", time.amzDate))
        if let token = access.credentials.sessionToken { headers.append(("x-amz-security-token", token)) }
        let signature = try signer.sign(method: request.method, encodedPath: encodedPath, canonicalQuery: query,
                                        headers: headers + [("host", authority)], payloadHash: request.payloadHash, at: time)
        headers.append(("Authorization", signature.authorization))
        return HTTPRequest(method: request.method, target: query.isEmpty ? encodedPath : "\(encodedPath)?\(query)",
                           headers: headers, body: request.body)
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
