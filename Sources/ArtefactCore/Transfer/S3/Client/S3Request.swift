/// One S3 API call before it is signed: what to do to which object (or to the bucket),
/// the query and the headers beyond the ones every request gets, and the body with the
/// SHA-256 the caller computed of it, which `x-amz-content-sha256` carries and SigV4 signs.
struct S3Request {
    var method: String
    /// The object's key; nil for a call on the bucket itself.
    var key: String?
    var query: [(String, String)] = []
    /// Headers to send and sign (`Range`, `If-None-Match`, `x-amz-checksum-*`, ...).
    var headers: [(String, String)] = []
    var body: HTTPBody = .none
    /// The body's SHA-256, hex.
    var payloadHash = SigV4Signer.emptyPayloadHash
    /// Bytes the request moves either way, which its deadline grows with.
    var streamingBytes: Int64 = 0
    /// What the request does, for messages: "listing s3://b/p".
    var action: String

    init(method: String, key: String?, action: String) {
        self.method = method
        self.key = key
        self.action = action
    }

    /// Whether sending it twice does no harm: every call but the POSTs that start and
    /// complete multipart uploads, which are never resent blindly (a second start leaves an
    /// orphan upload; a second completion may race the first).
    var isIdempotent: Bool { method != "POST" }
}
