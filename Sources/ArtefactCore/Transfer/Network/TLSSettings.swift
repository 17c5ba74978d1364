/// How to reach a registry over TLS: the only CA to trust, and the client certificate to
/// present. Nothing else is trusted: the system CA bundle is never loaded.
public struct TLSSettings: Sendable {
    public let caFile: String
    public let certificateFile: String?
    public let keyFile: String?
    /// Seconds to wait for a connection, and for each read or write.
    public let connectTimeout: Int
    public let ioTimeout: Int
    /// Trust the system's CA bundle too; only when asked for explicitly.
    public let useSystemCAs: Bool

    public init(caFile: String, certificateFile: String?, keyFile: String?, connectTimeout: Int = 10, ioTimeout: Int = 60,
                useSystemCAs: Bool = false) {
        self.caFile = caFile
        self.useSystemCAs = useSystemCAs
        self.certificateFile = certificateFile
        self.keyFile = keyFile
        self.connectTimeout = connectTimeout
        self.ioTimeout = ioTimeout
    }
}
