/// HTTP/1.1 over one TLS connection, kept alive between requests. Requests are written
/// here; responses are read by `HTTPResponseParser`, strict and bounded.
final class HTTPConnection {
    static let streamBufferSize = 1 << 20

    let tls: TLSConnection
    private let parser: HTTPResponseParser

    init(tls: TLSConnection) {
        self.tls = tls
        parser = HTTPResponseParser(source: tls, peer: tls.address, bufferSize: Self.streamBufferSize)
    }

    /// False once the server said `Connection: close`, or a response was cut short or malformed.
    var reusable: Bool { parser.reusable }

    // MARK: Sending

    func send(_ request: HTTPRequest, host: String) throws {
        var head = "\(request.method) \(request.target) HTTP/1.1\r\nHost: \(host)\r\nUser-Agent: artefact\r\n"
        for (name, value) in request.headers { head += "\(name): \(value)\r\n" }
        if request.method != "GET" && request.method != "HEAD" || request.body.length > 0 {
            head += "Content-Length: \(request.body.length)\r\n"
        }
        head += "\r\n"
        switch request.body {
        case .none:
            try tls.write(Array(head.utf8))
        case .bytes(let bytes):
            try tls.write(Array(head.utf8) + bytes)
        case let .file(file, offset, length):
            try tls.write(Array(head.utf8))
            try streamFile(file, offset: offset, length: length)
        }
    }

    /// Streams part of a file the caller opened (a store blob, opened without following
    /// symlinks), telling its progress each chunk sent. A signal stops it between chunks:
    /// the request is then cut short, which the server discards, and the push keeps only
    /// what it had finished.
    private func streamFile(_ file: HTTPBodyFile, offset: Int64, length: Int64) throws {
        var position = offset
        do {
            try file.reader.read(file.descriptor, from: offset, length: length) { chunk in
                try tls.write(chunk)
                position += Int64(chunk.count)
                file.streamed(upTo: position)
                FaultInjection.reach("send", amount: Int64(chunk.count))
                try Interruption.check()
            }
        } catch FileReadFailure.shorter {
            throw ArtefactError.operational("\(file.descriptor.path) shrank while it was being sent")
        } catch FileReadFailure.system(let error) {
            throw error.asArtefactError
        }
    }

    /// Sends `request` and reads the head of its response. When the server had closed the
    /// connection before answering (the TLS connection saw it close), the failure is a
    /// `ConnectionClosed`, which a client may retry on a new connection.
    func exchange(_ request: HTTPRequest, host: String) throws -> HTTPResponse {
        do {
            try send(request, host: host)
            return try readResponseHead()
        } catch let error as ArtefactError where tls.closedByPeer {
            throw ConnectionClosed(error: error)
        }
    }

    // MARK: Receiving

    func readResponseHead() throws -> HTTPResponse { try parser.readHead() }

    /// Streams the body of `response` (to a request of `method`) to `sink`; its length is
    /// bounded by the caller's sink and the request deadline, not here.
    func readBody(of response: HTTPResponse, method: String, into sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        try parser.readBody(of: response, method: method, into: sink)
    }

    /// Reads a whole body, refusing one larger than `limit`.
    func readBody(of response: HTTPResponse, method: String, limit: Int) throws -> [UInt8] {
        try parser.readBody(of: response, method: method, limit: limit)
    }

    /// Reads and drops a body, bounded by `HTTPResponseLimits.discardBytes`.
    func discardBody(of response: HTTPResponse, method: String) throws {
        try parser.discardBody(of: response, method: method)
    }
}
