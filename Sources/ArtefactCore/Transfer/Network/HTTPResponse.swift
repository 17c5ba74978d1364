/// A response's status line and headers, and how its body is delimited; the body itself is
/// read separately, as a stream (see `HTTPResponseParser`).
public struct HTTPResponse: Sendable {
    public let status: Int
    public let reason: String
    public let headers: [(String, String)]
    public let framing: Framing

    public init(status: Int, reason: String, headers: [(String, String)], framing: Framing) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.framing = framing
    }

    /// The first header named `name`, compared without regard to case.
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.0.lowercased() == lowered }?.1
    }

    /// How a body is delimited.
    public enum Framing: Equatable, Sendable {
        case length(Int64)
        case chunked
        case untilClose
    }
}
