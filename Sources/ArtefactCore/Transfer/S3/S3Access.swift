/// How to reach one model's prefix in object storage: where, over which TLS, as whom.
public struct S3Access: Sendable {
    public let location: S3Location
    public let endpoint: S3Endpoint
    public let region: String
    public let addressing: S3Addressing
    public let credentials: S3Credentials
    public let tls: TLSSettings
    /// The passphrase of an encrypted client key.
    public let keyPassphrase: SecretBytes?

    public init(location: S3Location, endpoint: S3Endpoint, region: String, addressing: S3Addressing, credentials: S3Credentials,
                tls: TLSSettings, keyPassphrase: SecretBytes?) {
        self.location = location
        self.endpoint = endpoint
        self.region = region
        self.addressing = addressing
        self.credentials = credentials
        self.tls = tls
        self.keyPassphrase = keyPassphrase
    }
}
