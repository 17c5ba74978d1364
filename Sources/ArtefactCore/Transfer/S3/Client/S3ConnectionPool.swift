import Synchronization

/// The kept-alive HTTPS connections of one S3 client. Each request checks one out, uses it
/// alone, and gives it back when it may carry another request; several threads (the copy
/// workers of a transfer) therefore run requests at once, each on its own connection, and
/// reuse them instead of paying a TLS handshake per object or part.
final class S3ConnectionPool: Sendable {
    /// Idle connections kept beyond this are closed.
    static let idleLimit = 16

    let host: String
    let port: Int
    private let context: TLSContext
    private let settings: TLSSettings
    private let idle = Mutex<[Idle]>([])
    private let firstPeerSubject = Mutex<String?>(nil)

    /// A connection in the idle list. Nothing else holds it while it is there, and a
    /// checked-out connection is one request's alone until it comes back, so it crosses
    /// threads only whole, never shared.
    private struct Idle: @unchecked Sendable {
        let connection: KeptAliveConnection
    }

    init(host: String, port: Int, context: TLSContext, settings: TLSSettings) {
        self.host = host
        self.port = port
        self.context = context
        self.settings = settings
    }

    /// The peer certificate subject of the first connection, for the audit log.
    var peerSubject: String? { firstPeerSubject.withLock { $0 } }

    /// Runs `body` on a connection of its own: an idle one, or a new one when there is
    /// none or when `fresh` (a request that must not meet a kept-alive connection the
    /// server has closed meanwhile, as it could not be resent). The connection goes back to
    /// the pool when `body` returns and it is still reusable (its last answer read to the
    /// end); when `body` throws, it is closed, as part of an answer may still be unread.
    func withConnection<Result>(fresh: Bool = false, _ body: (KeptAliveConnection) throws -> Result) throws -> Result {
        let pooled = fresh ? nil : idle.withLock { $0.popLast() }?.connection
        let connection = pooled ?? KeptAliveConnection(host: host, port: port, context: context, settings: settings)
        let result: Result
        do {
            result = try body(connection)
        } catch {
            connection.drop()
            record(connection)
            throw error
        }
        record(connection)
        if connection.isReusable {
            let returned = Idle(connection: connection)
            idle.withLock { list in
                if list.count < Self.idleLimit { list.append(returned) }
            }
        }
        return result
    }

    private func record(_ connection: KeptAliveConnection) {
        guard let subject = connection.peerSubject else { return }
        firstPeerSubject.withLock { if $0 == nil { $0 = subject } }
    }
}
