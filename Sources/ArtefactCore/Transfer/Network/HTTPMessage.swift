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
    /// `length` bytes of a file from `offset`, streamed through a reused buffer.
    case file(FileDescriptor, offset: Int64, length: Int64)

    var length: Int64 {
        switch self {
        case .none: return 0
        case .bytes(let bytes): return Int64(bytes.count)
        case .file(_, _, let length): return length
        }
    }
}

/// A response's status line and headers; the body is read separately, as a stream.
struct HTTPResponse {
    let status: Int
    let reason: String
    let headers: [(String, String)]

    /// The first header named `name`, compared without regard to case.
    func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.0.lowercased() == lowered }?.1
    }

    /// How the body is delimited.
    var framing: Framing {
        if header("Transfer-Encoding")?.lowercased().contains("chunked") == true { return .chunked }
        if let length = header("Content-Length").flatMap({ Int64($0.trimmingSpaces) }) { return .length(length) }
        return .untilClose
    }

    enum Framing: Equatable {
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
