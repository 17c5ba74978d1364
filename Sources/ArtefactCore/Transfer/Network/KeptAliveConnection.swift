/// One HTTP/1.1 conversation with one server over TLS, kept alive between requests and
/// reopened when it must be: the connection logic registries and S3 share. A request
/// runs under the deadline its sender gives; when the kept-alive connection turns out to
/// have been closed by the server before it answered (its idle timeout), a request the
/// sender calls resendable goes once more on a new connection, and any other is reported
/// as the failure it was. A body that was not read to its end, or a read that failed,
/// drops the connection, so the next request never reads the rest of an old answer.
///
/// Not `Sendable`: one conversation is one thread's at a time (a registry session holds
/// one behind its lock; the S3 connection pool checks one out per request).
final class KeptAliveConnection {
    /// The name the server's certificate must carry, and its port.
    let host: String
    let port: Int
    private let context: TLSContext
    private let settings: TLSSettings
    private var connection: HTTPConnection?
    /// The peer certificate subject of the first connection, for the audit log.
    private(set) var peerSubject: String?

    init(host: String, port: Int, context: TLSContext, settings: TLSSettings) {
        self.host = host
        self.port = port
        self.context = context
        self.settings = settings
    }

    /// Whether a connection is open and may carry another request.
    var isReusable: Bool { connection?.reusable ?? false }

    /// Sends `request` (with `Host: authority`) under `deadline` and reads its response's head.
    func exchange(_ request: HTTPRequest, authority: String, deadline: NetworkDeadline, resendable: Bool) throws -> HTTPResponse {
        for attempt in 0..<2 {
            let current = try open(deadline: deadline)
            current.tls.deadline = deadline
            do {
                return try current.exchange(request, host: authority)
            } catch let closed as ConnectionClosed {
                connection = nil
                // A kept-alive connection the server has since closed: resend once on a new one.
                if attempt == 0 && resendable { continue }
                throw closed.error
            } catch {
                connection = nil
                throw error
            }
        }
        throw ArtefactError.operational("connection to \(host):\(port) failed")
    }

    /// Streams the body of `response` to `sink`.
    func readBody(of response: HTTPResponse, method: String, into sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        do {
            try current().readBody(of: response, method: method, into: sink)
        } catch {
            connection = nil
            throw error
        }
        if connection?.reusable == false { connection = nil }
    }

    /// Streams the body of a download that may carry at most `expected` bytes to `sink`,
    /// refusing with `tooLong` (and dropping the connection) a body announced or sent longer;
    /// returns how many bytes came, which a caller compares with what it needs.
    func readBoundedBody(of response: HTTPResponse, expected: Int64, tooLong: ArtefactError,
                         into sink: (UnsafeRawBufferPointer) throws -> Void) throws -> Int64 {
        if case .length(let length) = response.framing, length > expected {
            drop()
            throw tooLong
        }
        var received: Int64 = 0
        try readBody(of: response, method: "GET") { piece in
            guard Int64(piece.count) <= expected - received else { throw tooLong }
            received += Int64(piece.count)
            try sink(piece)
        }
        return received
    }

    /// Reads a whole body, refusing one larger than `limit`.
    func readBody(of response: HTTPResponse, method: String, limit: Int) throws -> [UInt8] {
        let bytes: [UInt8]
        do {
            bytes = try current().readBody(of: response, method: method, limit: limit)
        } catch {
            connection = nil
            throw error
        }
        if connection?.reusable == false { connection = nil }
        return bytes
    }

    /// Reads and drops a body (bounded by `HTTPResponseLimits.discardBytes`).
    func discardBody(of response: HTTPResponse, method: String) throws {
        do {
            try connection?.discardBody(of: response, method: method)
        } catch {
            connection = nil
            throw error
        }
        if connection?.reusable == false { connection = nil }
    }

    /// Closes the connection; the next request opens a new one.
    func drop() { connection = nil }

    private func current() throws -> HTTPConnection {
        guard let connection else { throw ArtefactError.operational("the connection to \(host):\(port) was closed before its answer was read") }
        return connection
    }

    private func open(deadline: NetworkDeadline) throws -> HTTPConnection {
        if let connection, connection.reusable { return connection }
        let tls = try TLSConnection(host: host, port: port, context: context, settings: settings, deadline: deadline)
        if peerSubject == nil { peerSubject = tls.peerSubject }
        let fresh = HTTPConnection(tls: tls)
        connection = fresh
        return fresh
    }
}
