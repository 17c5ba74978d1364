/// How the caller asked to reach object storage: the endpoint (`--s3-endpoint`, else
/// `AWS_ENDPOINT_URL`, else AWS's regional endpoint), the region, the addressing style
/// (`--s3-addressing`; path-style for a custom endpoint, virtual-hosted for AWS), the TLS
/// options shared with registries, and the credentials from the AWS environment (never argv).
public struct S3Options: Sendable {
    public var tls: TLSOptions
    /// `https://HOST[:PORT]`, or nil for AWS's endpoint of `region`.
    public var endpointURL: String?
    public var region: String?
    /// Nil chooses by the endpoint.
    public var addressing: S3Addressing?
    public var credentials: S3Credentials?

    /// The region a custom endpoint is signed for when none is set: S3-compatible servers
    /// (SeaweedFS, MinIO, Ceph RGW) take it by default.
    public static let defaultCustomRegion = "us-east-1"

    public init(tls: TLSOptions, endpointURL: String?, region: String?, addressing: S3Addressing?, credentials: S3Credentials?) {
        self.tls = tls
        self.endpointURL = endpointURL
        self.region = region
        self.addressing = addressing
        self.credentials = credentials
    }

    /// The access to `location`, the store's `remembered` TLS files filling what these
    /// options leave out.
    func access(_ location: S3Location, remembered: StoredTLSFiles?) throws -> S3Access {
        let endpoint: S3Endpoint
        let region: String
        if let endpointURL {
            endpoint = try S3Endpoint(parsing: endpointURL)
            region = self.region ?? Self.defaultCustomRegion
        } else {
            guard let chosen = self.region else {
                throw ArtefactError.badInput("reaching \(location) on AWS needs a region: set AWS_REGION (or give --s3-endpoint URL for another server)")
            }
            guard !chosen.isEmpty, chosen.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }) else {
                throw ArtefactError.badInput("\"\(chosen)\" is not an AWS region name such as eu-west-1")
            }
            region = chosen
            endpoint = .aws(region: region)
        }
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
