/// An AWS access key: from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and
/// `AWS_SESSION_TOKEN`, or a profile of the shared credentials file; never from argv.
public struct S3Credentials: Sendable {
    public let accessKeyID: String
    public let secretAccessKey: SecretBytes
    /// A temporary credential's token, sent as `X-Amz-Security-Token`.
    public let sessionToken: String?

    public init(accessKeyID: String, secretAccessKey: SecretBytes, sessionToken: String?) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }
}
