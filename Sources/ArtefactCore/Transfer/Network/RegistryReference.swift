/// Where a registry is: `oci://HOST:PORT/REPOSITORY[:TAG]`.
public struct RegistryReference: Sendable, CustomStringConvertible {
    public let host: String
    public let port: Int
    public let repository: String
    public let tag: String?

    public static let scheme = "oci://"

    public init(parsing text: String) throws {
        guard text.hasPrefix(Self.scheme) else { throw ArtefactError.badInput("\(text) is not an oci://HOST:PORT/REPOSITORY address") }
        let rest = text.dropFirst(Self.scheme.count)
        guard let slash = rest.firstIndex(of: "/") else {
            throw ArtefactError.badInput("\(text) names no repository; use oci://HOST:PORT/REPOSITORY")
        }
        let authority = rest[..<slash]
        var path = String(rest[rest.index(after: slash)...])
        var tag: String?
        if let colon = path.lastIndex(of: ":") {
            tag = String(path[path.index(after: colon)...])
            path = String(path[..<colon])
        }
        let hostPort = authority.split(separator: ":", omittingEmptySubsequences: false)
        guard hostPort.count <= 2, let host = hostPort.first, !host.isEmpty else { throw ArtefactError.badInput("\(text) has a bad host") }
        let port = hostPort.count == 2 ? Int(hostPort[1]) : 443
        guard let port, (1...65535).contains(port) else { throw ArtefactError.badInput("\(text) has a bad port") }
        let component = #/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*/#
        guard !path.isEmpty, path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy({ $0.wholeMatch(of: component) != nil }) else {
            throw ArtefactError.badInput("\(path) is not a valid repository name (lowercase letters, digits, and . _ - / separators)")
        }
        if let tag, tag.wholeMatch(of: #/[A-Za-z0-9_][A-Za-z0-9._-]{0,127}/#) == nil {
            throw ArtefactError.badInput("\(tag) is not a valid tag")
        }
        self.host = String(host)
        self.port = port
        self.repository = path
        self.tag = tag
    }

    public var address: String { "\(host):\(port)" }
    public var description: String { "\(Self.scheme)\(address)/\(repository)\(tag.map { ":" + $0 } ?? "")" }
}
