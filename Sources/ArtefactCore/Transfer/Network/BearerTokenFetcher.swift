/// The registry Bearer-token flow (as Harbor and the distribution token spec use it): read
/// `realm`, `service` and `scope` from the challenge, ask the realm for a token with the
/// user's Basic credentials over TLS, and use the token.
enum BearerTokenFetcher {
    /// The largest token response read; real ones are a few KiB.
    static let tokenResponseLimit = 1 << 20

    static func fetch(challenge: String, scope: String, credentials: RegistryCredentials, context: TLSContext,
                      settings: TLSSettings) throws -> String {
        let parameters = parse(challenge)
        guard let realm = parameters["realm"], realm.hasPrefix("https://") else {
            throw ArtefactError.operational("the registry's token realm must be an https:// URL; got \"\(parameters["realm"] ?? "")\"")
        }
        let rest = realm.dropFirst("https://".count)
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<slash]
        let path = slash == rest.endIndex ? "/" : String(rest[slash...])
        let hostPort = authority.split(separator: ":", omittingEmptySubsequences: false)
        let host = hostPort.first.map(String.init) ?? ""
        let port = hostPort.count > 1 ? Int(hostPort[1]) ?? 0 : 443
        guard hostPort.count <= 2, !host.isEmpty, (1...65535).contains(port) else {
            throw ArtefactError.operational("the registry's token realm \"\(realm)\" has a bad host or port")
        }
        var query: [String] = []
        if let service = parameters["service"] { query.append("service=\(percentEncode(service))") }
        query.append("scope=\(percentEncode(parameters["scope"] ?? scope))")
        let target = path + (path.contains("?") ? "&" : "?") + query.joined(separator: "&")
        let tls = try TLSConnection(host: host, port: port, context: context, settings: settings, deadline: settings.requestDeadline)
        defer { tls.close() }
        let connection = HTTPConnection(tls: tls)
        try connection.send(HTTPRequest(method: "GET", target: target, headers: [("Authorization", credentials.basicAuthorization)]),
                            host: String(authority))
        let response = try connection.readResponseHead()
        let body = try connection.readBody(of: response, method: "GET", limit: tokenResponseLimit)
        guard response.status == 200 else {
            throw ArtefactError.operational("the token service at \(authority) refused the credentials (HTTP \(response.status)); check ARTEFACT_REGISTRY_USER and ARTEFACT_REGISTRY_PASSWORD")
        }
        let failure = { @Sendable (message: String) in ArtefactError.operational("token service response: \(message)") }
        guard let document = try? StrictJSONParser.parse(body) else { throw failure("not valid JSON") }
        var reader = try JSONObjectReader(document, context: "token", failure: failure)
        guard let token = try reader.optionalString("token") ?? reader.optionalString("access_token"), !token.isEmpty else {
            throw failure("no token")
        }
        // It goes into a request header: a CR, LF or other control character would let the
        // token service add headers or requests of its own.
        guard token.utf8.count <= 64 << 10, token.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw failure("the token holds characters other than visible ASCII")
        }
        return token
    }

    /// `Bearer realm="...",service="...",scope="..."` → its parameters.
    static func parse(_ challenge: String) -> [String: String] {
        var parameters: [String: String] = [:]
        guard let space = challenge.firstIndex(of: " ") else { return parameters }
        var rest = Substring(challenge[challenge.index(after: space)...])
        while !rest.isEmpty {
            rest = rest.drop { $0 == " " || $0 == "," }
            guard let equals = rest.firstIndex(of: "=") else { break }
            let key = String(rest[..<equals]).lowercased()
            rest = rest[rest.index(after: equals)...]
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                while let character = rest.first, character != "\"" {
                    if character == "\\" { rest = rest.dropFirst() }
                    if let next = rest.first { value.append(next); rest = rest.dropFirst() }
                }
                rest = rest.dropFirst()
            } else {
                let end = rest.firstIndex(of: ",") ?? rest.endIndex
                value = String(rest[..<end])
                rest = rest[end...]
            }
            parameters[key] = value
        }
        return parameters
    }

    static func percentEncode(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.append(Character(Unicode.Scalar(byte)))
            default:
                encoded += "%" + Hex.encode([byte]).uppercased()
            }
        }
        return encoded
    }
}
