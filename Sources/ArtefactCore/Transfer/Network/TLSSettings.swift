/// How to reach a registry over TLS: the only CA to trust, the client certificate to
/// present, and how long a request may take. Nothing else is trusted: the system CA bundle
/// is never loaded unless asked for.
public struct TLSSettings: Sendable {
    public static let defaultRequestTimeout: Int64 = 300
    public static let defaultMinimumRate: Int64 = 256 << 10
    public static let maximumRequestTimeout: Int64 = NetworkDeadline.maximumSeconds

    /// Nil only when `useSystemCAs` asks for the system's CA bundle alone.
    public let caFile: String?
    public let certificateFile: String?
    public let keyFile: String?
    /// Seconds to wait for a connection, and for each read or write to make progress.
    public let connectTimeout: Int
    public let ioTimeout: Int
    /// Seconds one request may take from connecting to its last byte, whatever the server
    /// does; a request that streams a blob gets `requestTimeout` plus its size at
    /// `minimumRate` bytes per second.
    public let requestTimeout: Int64
    public let minimumRate: Int64
    /// Trust the system's CA bundle too; only when asked for explicitly.
    public let useSystemCAs: Bool

    public init(caFile: String?, certificateFile: String?, keyFile: String?, connectTimeout: Int = 10, ioTimeout: Int = 60,
                requestTimeout: Int64 = TLSSettings.defaultRequestTimeout, minimumRate: Int64 = TLSSettings.defaultMinimumRate,
                useSystemCAs: Bool = false) {
        self.caFile = caFile
        self.useSystemCAs = useSystemCAs
        self.certificateFile = certificateFile
        self.keyFile = keyFile
        self.connectTimeout = connectTimeout
        self.ioTimeout = ioTimeout
        self.requestTimeout = requestTimeout
        self.minimumRate = minimumRate
    }

    /// The deadline of a request that moves no more than a small body.
    var requestDeadline: NetworkDeadline { NetworkDeadline(seconds: requestTimeout) }

    /// The deadline of a request that streams `bytes` of body one way or the other.
    func deadline(streaming bytes: Int64) -> NetworkDeadline {
        NetworkDeadline(timeout: requestTimeout, streaming: bytes, minimumRate: minimumRate)
    }

    /// How many seconds a request that streams `bytes` may take.
    public func deadlineSeconds(streaming bytes: Int64) -> Int64 { deadline(streaming: bytes).seconds }
}
