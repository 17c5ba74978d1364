/// What an S3 refusal means for the operator: the server's error code (from its `<Error>`
/// document, or from the status alone when there is no body, as for HEAD) turned into one
/// sentence that names the cause and what to check. Server text is quoted bounded and
/// printable only, as a hostile server writes it.
struct S3Failure {
    let server: String
    let bucket: String

    func error(status: Int, reason: String, response: S3ErrorResponse?, action: String) -> ArtefactError {
        let code = response?.code ?? ""
        let said = Self.quote(response, status: status, reason: reason)
        switch code {
        case "NoSuchBucket":
            return .operational("bucket \(bucket) does not exist at \(server) (\(action))")
        case "AccessDenied", "InvalidAccessKeyId", "AllAccessDisabled", "AccountProblem", "InvalidToken", "ExpiredToken":
            return .operational("\(server) refused access while \(action) (\(said)): check AWS_ACCESS_KEY_ID (and AWS_SESSION_TOKEN), or the profile in the shared credentials file, and what the key may do in bucket \(bucket)")
        case "SignatureDoesNotMatch":
            return .operational("\(server) says the request signature does not match while \(action) (\(said)): check AWS_SECRET_ACCESS_KEY (or the profile's aws_secret_access_key); if the secret is right, check this machine's clock")
        case "RequestTimeTooSkewed":
            return .operational("\(server) refused the request while \(action) because this machine's clock is too far from the server's (\(said)): set the clock right (NTP) and try again")
        case "BadDigest", "XAmzContentSHA256Mismatch", "InvalidDigest":
            return .operational("\(server) refused the bytes while \(action) (\(said)): what it received does not match the SHA-256 artefact computed, so the bytes changed on their way or on disk while being sent; nothing was stored, try again")
        case "PermanentRedirect", "AuthorizationHeaderMalformed", "IllegalLocationConstraintException":
            return .operational("bucket \(bucket) is not reachable as addressed while \(action) (\(said)): set AWS_REGION to the bucket's region, or the endpoint and addressing style the server expects")
        case "NoSuchUpload":
            return .operational("\(server) no longer knows the multipart upload while \(action) (\(said)); run the transfer again to start it anew")
        case "PreconditionFailed":
            return .operational("\(server) refused a conditional write while \(action) (\(said))")
        default:
            break
        }
        guard response == nil else { return .operational("\(server) answered \(said) while \(action)") }
        switch status {
        case 301, 307:
            return .operational("bucket \(bucket) is not reachable as addressed while \(action) (HTTP \(status)): set AWS_REGION to the bucket's region, or the endpoint and addressing style the server expects")
        case 403:
            return .operational("\(server) refused access while \(action) (HTTP 403): check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or the profile), what the key may do in bucket \(bucket), and this machine's clock")
        case 404:
            return .operational("\(server) found nothing while \(action) (HTTP 404): check that bucket \(bucket) exists")
        default:
            return .operational("\(server) answered \(said) while \(action)")
        }
    }

    /// After retries ran out on a busy or failing server.
    func exhausted(_ error: ArtefactError, retries: Int) -> ArtefactError {
        .operational("\(error.message); gave up after \(retries) \(retries == 1 ? "retry" : "retries") within the request deadline (the server is busy or failing: try again later, or with fewer --jobs)")
    }

    /// `HTTP 403 Forbidden, AccessDenied: "Access Denied."`, bounded and printable.
    static func quote(_ response: S3ErrorResponse?, status: Int, reason: String) -> String {
        var text = "HTTP \(status) \(printable(reason, limit: 60))"
        if let response {
            text += ", \(printable(response.code, limit: 60))"
            if !response.message.isEmpty { text += ": \"\(printable(response.message, limit: 200))\"" }
        }
        return text
    }

    static func printable(_ text: String, limit: Int) -> String {
        let cleaned = String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit).map { $0.value >= 0x20 && $0.value != 0x7F ? $0 : "?" }))
        return text.unicodeScalars.count > limit ? cleaned + "..." : cleaned
    }
}
