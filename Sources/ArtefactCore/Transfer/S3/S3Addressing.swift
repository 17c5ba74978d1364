/// How a request names its bucket: in the path (`https://HOST/BUCKET/KEY`, the default
/// for a custom endpoint) or in the host name (`https://BUCKET.HOST/KEY`, the default for
/// AWS itself).
public enum S3Addressing: String, Sendable, CaseIterable {
    case path
    case virtual
}
