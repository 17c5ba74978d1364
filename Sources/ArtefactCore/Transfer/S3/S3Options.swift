/// How the caller asked to reach object storage: the endpoint (`--s3-endpoint`, else
/// `AWS_ENDPOINT_URL_S3` or `AWS_ENDPOINT_URL`, else AWS's regional endpoint), the region,
/// the addressing style (`--s3-addressing`; path-style for a custom endpoint,
/// virtual-hosted for AWS), the TLS options shared with registries, and the credentials
/// (`S3CredentialResolver`: the AWS environment or shared files, never argv).
public struct S3Options: Sendable {
    public var tls: TLSOptions
    /// A custom endpoint, or nil for AWS's endpoint of `region`.
    public var endpoint: S3Endpoint?
    public var region: String?
    /// Nil chooses by the endpoint.
    public var addressing: S3Addressing?
    public var credentials: S3Credentials?

    /// The region signed for when none is set (as `S3CredentialResolver` decides): AWS's
    /// first region, which S3-compatible servers (SeaweedFS, MinIO, Ceph RGW) take by default.
    public static let defaultRegion = S3CredentialResolver.defaultRegion

    public init(tls: TLSOptions, endpoint: S3Endpoint?, region: String?, addressing: S3Addressing?, credentials: S3Credentials?) {
        self.tls = tls
        self.endpoint = endpoint
        self.region = region
        self.addressing = addressing
        self.credentials = credentials
    }

    /// The access to `location`, the store's `remembered` TLS files filling what these
    /// options leave out.
    func access(_ location: S3Location, remembered: StoredTLSFiles?) throws -> S3Access {
        let region = self.region ?? Self.defaultRegion
        let endpoint = self.endpoint ?? .aws(region: region)
        guard let credentials else {
            throw ArtefactError.badInput("reaching \(location) needs credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE with a shared credentials file")
        }
        let addressing = self.addressing ?? (endpoint.isCustom ? .path : .virtual)
        if addressing == .virtual, location.bucket.contains(".") {
            throw ArtefactError.badInput("bucket \(location.bucket) has a dot, which virtual-hosted addressing cannot name under TLS; use --s3-addressing path")
        }
        return S3Access(location: location, endpoint: endpoint, region: region, addressing: addressing, credentials: credentials,
                        tls: try tls.settings(reaching: endpoint.description, remembered: remembered), keyPassphrase: tls.keyPassphrase)
    }
}
