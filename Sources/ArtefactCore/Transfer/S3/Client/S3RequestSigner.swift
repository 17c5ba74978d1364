/// Turns an `S3Request` into the HTTP request that goes on the wire: addressed path-style
/// (`https://HOST/BUCKET/KEY`) or virtual-hosted (`https://BUCKET.HOST/KEY`, which is
/// also the name TLS checks), its path and query encoded once by SigV4's rules, and
/// signed over every header it carries but `User-Agent` and `Content-Length`:
/// `host`, `x-amz-content-sha256` (the real payload hash), `x-amz-date`,
/// `x-amz-security-token` with temporary credentials, and the request's own.
struct S3RequestSigner: Sendable {
    /// The host name connected to and checked against the server's certificate.
    let host: String
    /// `host`, with `:PORT` unless the port is 443: the `Host` header, as signed.
    let authority: String
    private let access: S3Access
    private let signer: SigV4Signer

    init(_ access: S3Access) {
        self.access = access
        switch access.addressing {
        case .path: host = access.endpoint.host
        case .virtual: host = "\(access.location.bucket).\(access.endpoint.host)"
        }
        authority = access.endpoint.port == 443 ? host : "\(host):\(access.endpoint.port)"
        signer = SigV4Signer(accessKeyID: access.credentials.accessKeyID, secretAccessKey: access.credentials.secretAccessKey,
                             region: access.region, service: "s3")
    }

    /// The request as it goes on the wire at `time` (`Host` is added by the connection).
    func signed(_ request: S3Request, at time: SigV4Timestamp) throws -> HTTPRequest {
        let path: String
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
}
