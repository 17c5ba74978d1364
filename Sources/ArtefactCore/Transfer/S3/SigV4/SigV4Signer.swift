/// Signs requests with AWS Signature Version 4 (header form), over OpenSSL's SHA-256 and
/// HMAC-SHA256: the canonical request, the string to sign, the signing key derived from
/// the secret for the date, region and service, and the `Authorization` header. The
/// secret stays in `SecretBytes`, and so does every key derived from it.
///
/// The caller chooses the headers to sign and passes each as it sends it; S3 checks all
/// the `x-amz-*` headers of a request, so a caller signs everything it sends but
/// `User-Agent` and `Content-Length`.
struct SigV4Signer: Sendable {
    static let algorithm = "AWS4-HMAC-SHA256"
    /// The hex SHA-256 of no bytes: `x-amz-content-sha256` of a request without a body.
    static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    let accessKeyID: String
    let secretAccessKey: SecretBytes
    let region: String
    let service: String

    /// One signed request: the `Authorization` value and how it was reached (for tests).
    struct Signature {
        let canonicalRequest: String
        let stringToSign: String
        let signedHeaders: String
        /// 64 lowercase hex digits.
        let signature: String
        let authorization: String
    }

    /// Signs a request whose `encodedPath` and `canonicalQuery` are exactly what goes on
    /// the wire (see `SigV4Encoding`), with `headers` (host and `x-amz-date` among them)
    /// and a body whose SHA-256 is `payloadHash` (hex).
    func sign(method: String, encodedPath: String, canonicalQuery: String, headers: [(String, String)],
              payloadHash: String, at time: SigV4Timestamp) throws -> Signature {
        let canonical = Self.canonicalHeaders(headers)
        let canonicalRequest = [method, encodedPath, canonicalQuery, canonical.text, canonical.signedHeaders, payloadHash]
            .joined(separator: "\n")
        let scope = "\(time.dateStamp)/\(region)/\(service)/aws4_request"
        let stringToSign = [Self.algorithm, time.amzDate, scope, SHA256Hasher.digest(Array(canonicalRequest.utf8)).hex]
            .joined(separator: "\n")
        let signature = Hex.encode(HMACSHA256.code(Array(stringToSign.utf8), key: try signingKey(dateStamp: time.dateStamp)))
        let authorization = "\(Self.algorithm) Credential=\(accessKeyID)/\(scope), SignedHeaders=\(canonical.signedHeaders), Signature=\(signature)"
        return Signature(canonicalRequest: canonicalRequest, stringToSign: stringToSign, signedHeaders: canonical.signedHeaders,
                         signature: signature, authorization: authorization)
    }

    /// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").
    func signingKey(dateStamp: String) throws -> SecretBytes {
        let prefix = Array("AWS4".utf8)
        let initial = try SecretBytes(count: prefix.count + secretAccessKey.count)
        initial.withUnsafeMutableBytes { target in
            target.copyBytes(from: prefix)
            secretAccessKey.withUnsafeBytes { secret in
                if secret.count > 0 { (target.baseAddress! + prefix.count).copyMemory(from: secret.baseAddress!, byteCount: secret.count) }
            }
        }
        var key = initial
        for part in [dateStamp, region, service, "aws4_request"] {
            key = try HMACSHA256.derivedKey(Array(part.utf8), key: key)
        }
        return key
    }

    /// Lowercase names, values trimmed with inner runs of spaces made one, sorted by name;
    /// a name given twice has its values joined by commas, in the order given.
    static func canonicalHeaders(_ headers: [(String, String)]) -> (text: String, signedHeaders: String) {
        var values: [String: [String]] = [:]
        for (name, value) in headers {
            let collapsed = value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            values[name.lowercased(), default: []].append(collapsed.trimmingSpaces)
        }
        let names = values.keys.sorted { Array($0.utf8).lexicographicallyPrecedes($1.utf8) }
        let text = names.map { "\($0):\(values[$0]!.joined(separator: ","))\n" }.joined()
        return (text, names.joined(separator: ";"))
    }
}
