import COpenSSL
import Glibc

/// One TLS 1.3 connection to a server, over a TCP socket with connect and I/O timeouts.
/// Failures say what went wrong in words an operator can act on: an untrusted server, a
/// server that offers no TLS 1.3, a client certificate the server refused.
final class TLSConnection: HTTPByteSource {
    private let socket: Int32
    private let ssl: OpaquePointer
    let host: String
    let port: Int
    /// Whether a client certificate is configured: without one, a rejection of "the client
    /// certificate" means the server wants one.
    private let presentsCertificate: Bool
    /// The longest any one wait for the server may last (`TLSSettings.ioTimeout`).
    private let idleMilliseconds: Int
    /// When the current request must be over; set for each request by its sender.
    var deadline: NetworkDeadline
    /// Whether the server has sent any application data on this connection.
    private var answered = false
    private(set) var closed = false
    /// Whether the server closed (or reset) the connection after it had answered on it:
    /// what a kept-alive connection past the server's idle timeout looks like.
    private(set) var closedByPeer = false

    init(host: String, port: Int, context: TLSContext, settings: TLSSettings, deadline: NetworkDeadline) throws {
        self.host = host
        self.port = port
        self.deadline = deadline
        presentsCertificate = settings.certificateFile != nil
        idleMilliseconds = settings.ioTimeout * 1000
        // OpenSSL's socket BIO writes without MSG_NOSIGNAL.
        Signals.ignoreBrokenPipe()
        let connectCap = settings.connectTimeout * 1000
        socket = try TCPSocket.connect(host: host, port: port, timeoutMilliseconds: { deadline.remainingMilliseconds(cap: connectCap) })
        guard let ssl = SSL_new(context.pointer) else {
            Glibc.close(socket)
            throw ArtefactError.operational("could not create a TLS session: \(OpenSSLFailure.lastReason())")
        }
        self.ssl = ssl
        do {
            try Self.setPeerIdentity(ssl, socket: socket, host: host)
            OpenSSLFailure.clear()
            try retrying("the TLS handshake") { SSL_connect(ssl) }
        } catch {
            // Every stored property is set, so deinit runs when this throws: mark the
            // connection closed, or deinit would free the session and close the socket again.
            closed = true
            SSL_free(ssl)
            Glibc.close(socket)
            throw error
        }
    }

    deinit { close() }

    /// Tells OpenSSL whom the certificate must name: an IP address literal (decided by
    /// `inet_pton`) is checked against the certificate's IP SANs, anything else is a DNS
    /// name, sent as SNI and checked against its DNS SANs. Every call is checked: a name
    /// OpenSSL did not take would leave the handshake with no identity check at all.
    private static func setPeerIdentity(_ ssl: OpaquePointer, socket: Int32, host: String) throws {
        guard SSL_set_fd(ssl, socket) == 1 else {
            throw ArtefactError.operational("could not attach a TLS session to its socket: \(OpenSSLFailure.lastReason())")
        }
        let refused = ArtefactError.operational("TLS to \(host): OpenSSL did not accept \"\(host)\" as the name to check the server's certificate against; nothing was sent")
        if HostAddress.isIPLiteral(host) {
            guard let parameters = SSL_get0_param(ssl), X509_VERIFY_PARAM_set1_ip_asc(parameters, host) == 1 else { throw refused }
        } else {
            guard artefact_ssl_set_tlsext_host_name(ssl, host) == 1, SSL_set1_host(ssl, host) == 1 else { throw refused }
        }
    }

    func close() {
        guard !closed else { return }
        closed = true
        // Never wait on a hostile peer to say goodbye: one non-blocking attempt.
        SSL_shutdown(ssl)
        SSL_free(ssl)
        Glibc.close(socket)
    }

    var address: String { "\(host):\(port)" }

    /// The server certificate's subject, for the audit log.
    var peerSubject: String? {
        guard let certificate = SSL_get1_peer_certificate(ssl) else { return nil }
        return Certificate(taking: certificate).subject
    }

    /// Reads up to `buffer.count` bytes; 0 means the server closed the connection.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let wanted = Int32(min(buffer.count, Int(Int32.max)))
        var closedCleanly = false
        let count = try retrying("reading", onZeroReturn: { closedCleanly = true }) { SSL_read(ssl, buffer.baseAddress, wanted) }
        if closedCleanly {
            closedByPeer = true
            return 0
        }
        answered = true
        return Int(count)
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var written = 0
        while written < bytes.count {
            let piece = Int32(min(bytes.count - written, 1 << 30))
            let count = try retrying("writing") { SSL_write(ssl, bytes.baseAddress! + written, piece) }
            written += Int(count)
        }
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Runs a non-blocking OpenSSL call until it succeeds, waiting for the socket between
    /// tries, each wait cut at the idle timeout and at the request deadline.
    @discardableResult
    private func retrying(_ action: String, onZeroReturn: (() -> Void)? = nil, _ call: () -> Int32) throws -> Int32 {
        while true {
            OpenSSLFailure.clear()
            let result = call()
            if result > 0 { return result }
            let code = SSL_get_error(ssl, result)
            let forWriting: Bool
            switch code {
            case SSL_ERROR_WANT_READ: forWriting = false
            case SSL_ERROR_WANT_WRITE: forWriting = true
            case SSL_ERROR_ZERO_RETURN where onZeroReturn != nil:
                onZeroReturn?()
                return 0
            default:
                throw action == "the TLS handshake" ? handshakeFailure() : ioFailure(code, reading: action == "reading", timedOut: false)
            }
            let allowed = deadline.remainingMilliseconds(cap: idleMilliseconds)
            if allowed == 0 || TCPSocket.wait(socket, forWriting: forWriting, milliseconds: allowed) == .timedOut {
                if deadline.hasPassed {
                    throw ArtefactError.operational("a request to \(address) did not finish within \(deadline.seconds) s (while \(action)); the server is too slow or stalling; on a slow network raise --network-timeout (ARTEFACT_NETWORK_TIMEOUT), or lower ARTEFACT_NETWORK_MIN_RATE for large blobs")
                }
                if action == "the TLS handshake" {
                    throw ArtefactError.operational("TLS to \(address): the handshake timed out after \(idleMilliseconds / 1000) s")
                }
                throw ioFailure(code, reading: action == "reading", timedOut: true)
            }
        }
    }

    // MARK: Failures

    private func handshakeFailure() -> ArtefactError {
        let verify = SSL_get_verify_result(ssl)
        if verify != X509_V_OK {
            let reason = String(cString: X509_verify_cert_error_string(verify))
            return .operational("TLS to \(address): the server certificate is not trusted (\(reason)); check --tls-ca and the server's name")
        }
        let detail = OpenSSLFailure.lastReason()
        if detail.contains("protocol version") || detail.contains("unsupported protocol") || detail.contains("wrong version") {
            return .operational("TLS to \(address): the server does not offer TLS 1.3, and artefact never falls back to an older version (\(detail))")
        }
        return .operational("TLS to \(address): handshake failed: \(Self.describe(detail))")
    }

    /// With TLS 1.3 a server rejects a client certificate after the handshake; the alert
    /// arrives on the first read, so read failures name it as an authentication failure.
    private func ioFailure(_ code: Int32, reading: Bool, timedOut: Bool) -> ArtefactError {
        let detail = OpenSSLFailure.lastReason()
        let certificateRejected = detail.contains("unknown ca") || detail.contains("bad certificate") || detail.contains("certificate unknown")
            || detail.contains("decrypt error") || detail.contains("access denied")
        // Servers older than TLS 1.3's certificate_required alert (Go before 1.21, as in
        // distribution 2.8) answer a missing certificate with bad_certificate.
        let certificateRequired = ArtefactError.operational(
            "TLS to \(address): client certificate required: the server refused the connection without one; give --tls-cert and --tls-key")
        if detail.contains("certificate required") || (certificateRejected && !presentsCertificate) {
            return certificateRequired
        }
        if certificateRejected {
            return .operational("TLS to \(address): the server rejected the client certificate (\(Self.describe(detail))); use a certificate its CA issued")
        }
        let closedByPeer = timedOut || code == SSL_ERROR_SYSCALL || code == SSL_ERROR_ZERO_RETURN || detail.contains("unexpected eof")
        if closedByPeer && !timedOut && !answered {
            // A server that rejects the client certificate sends its alert and closes while
            // the client's last handshake messages are still unread, so the connection is
            // often reset and the alert discarded before it can be read.
            guard presentsCertificate else { return certificateRequired }
            return .operational("TLS to \(address): the server closed the connection right after the handshake, so it most likely rejected the client certificate; use a certificate its CA issued")
        }
        if closedByPeer {
            if !timedOut { self.closedByPeer = true }
            let reason = timedOut ? "no data for \(idleMilliseconds / 1000) s, timed out" : "the connection was closed"
            return .operational("connection to \(address) failed while \(reading ? "reading" : "writing"): \(reason)")
        }
        return .operational("TLS to \(address) failed while \(reading ? "reading" : "writing"): \(Self.describe(detail))")
    }

    private static func describe(_ detail: String) -> String {
        // OpenSSL's "error:0A00045C:SSL routines::tlsv13 alert certificate required" → the words after "::".
        guard let range = detail.firstRange(of: "::") else { return detail }
        return String(detail[range.upperBound...])
    }
}
