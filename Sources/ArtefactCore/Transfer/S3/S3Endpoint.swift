/// The HTTPS server an S3 client talks to: `AWS_ENDPOINT_URL` or `--s3-endpoint`, else
/// AWS's regional endpoint. Plain `http://` is refused: artefact speaks only TLS.
public struct S3Endpoint: Sendable, Equatable, CustomStringConvertible {
    public let host: String
    public let port: Int
    /// Whether the URL was given (a custom endpoint) rather than AWS's own.
    public let isCustom: Bool

    public init(host: String, port: Int, isCustom: Bool) {
        self.host = host
        self.port = port
        self.isCustom = isCustom
    }

    /// Parses `https://HOST[:PORT][/]`.
    public init(parsing url: String) throws {
        if url.hasPrefix("http://") {
            throw ArtefactError.badInput("\(url) is plain HTTP; artefact reaches object storage over HTTPS only (use https://)")
        }
        guard url.hasPrefix("https://") else { throw ArtefactError.badInput("\(url) is not an https://HOST[:PORT] endpoint URL") }
        var authority = url.dropFirst("https://".count)
        while authority.hasSuffix("/") { authority.removeLast() }
        guard !authority.isEmpty, !authority.contains("/"), !authority.contains("@"), !authority.contains("?") else {
            throw ArtefactError.badInput("\(url) must be https://HOST[:PORT] with no path, user or query")
        }
        var host = String(authority)
        var port = 443
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
            guard let number = Int(authority[authority.index(after: colon)...]), (1...65535).contains(number) else {
                throw ArtefactError.badInput("\(url) has a bad port")
            }
            port = number
            host = String(authority[..<colon])
        }
        guard !host.isEmpty, host.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { throw ArtefactError.badInput("\(url) has a bad host") }
        self.init(host: host, port: port, isCustom: true)
    }

    /// AWS's endpoint for `region`.
    public static func aws(region: String) -> S3Endpoint {
        S3Endpoint(host: "s3.\(region).amazonaws.com", port: 443, isCustom: false)
    }

    /// `HOST` or `HOST:PORT`, as the `Host` header carries it.
    public var authority: String { port == 443 ? host : "\(host):\(port)" }

    public var description: String { "https://\(authority)" }
}
