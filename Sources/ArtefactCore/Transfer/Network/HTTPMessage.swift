/// An HTTP/1.1 request to send.
struct HTTPRequest {
    var method: String
    /// The request target: a path with its query, such as `/v2/ml/resnet/manifests/1.0.0`.
    var target: String
    var headers: [(String, String)] = []
    var body: HTTPBody = .none
}

/// What a request carries.
enum HTTPBody {
    case none
    case bytes([UInt8])
    /// `length` bytes of a file from `offset`, streamed through the file's reader.
    case file(HTTPBodyFile, offset: Int64, length: Int64)

    var length: Int64 {
        switch self {
        case .none: return 0
        case .bytes(let bytes): return Int64(bytes.count)
        case .file(_, _, let length): return length
        }
    }
}

/// A file that requests stream from (a store blob being pushed). A class, so that the
/// request that carries it stays copyable while the descriptor itself is owned once.
final class HTTPBodyFile {
    let descriptor: FileDescriptor
    let reader = FileReader(chunkSize: HTTPConnection.streamBufferSize)

    init(_ descriptor: consuming FileDescriptor) {
        self.descriptor = descriptor
    }
}

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

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" { view = view.dropFirst() }
        while let last = view.last, last == " " || last == "\t" { view = view.dropLast() }
        return String(view)
    }
}
