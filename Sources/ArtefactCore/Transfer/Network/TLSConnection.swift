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
    /// Whether the server has sent any application data on this connection.
    private var answered = false
    private(set) var closed = false

    init(host: String, port: Int, context: TLSContext, settings: TLSSettings) throws {
        self.host = host
        self.port = port
        presentsCertificate = settings.certificateFile != nil
        _ = Self.ignoreBrokenPipe
        socket = try Self.connectSocket(host: host, port: port, settings: settings)
        guard let ssl = SSL_new(context.pointer) else {
            Glibc.close(socket)
            throw ArtefactError.operational("could not create a TLS session: \(OpenSSLFailure.lastReason())")
        }
        self.ssl = ssl
        SSL_set_fd(ssl, socket)
        let isAddress = host.allSatisfy { $0.isHexDigit || $0 == "." || $0 == ":" } && host.contains(where: { $0 == "." || $0 == ":" })
        if isAddress {
            X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host)
        } else {
            _ = artefact_ssl_set_tlsext_host_name(ssl, host)
            _ = SSL_set1_host(ssl, host)
        }
        OpenSSLFailure.clear()
        if SSL_connect(ssl) != 1 {
            let failure = handshakeFailure()
            // Every stored property is set, so deinit runs when this throws: mark the
            // connection closed, or deinit would free the session and close the socket again.
            closed = true
            SSL_free(ssl)
            Glibc.close(socket)
            throw failure
        }
    }

    deinit { close() }

    /// OpenSSL's socket BIO writes without MSG_NOSIGNAL, so a server that closes the
    /// connection mid-upload would kill the process with SIGPIPE; ignored, the write fails
    /// with EPIPE and is reported like any other cut connection.
    private static let ignoreBrokenPipe: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    func close() {
        guard !closed else { return }
        closed = true
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
        OpenSSLFailure.clear()
        let count = SSL_read(ssl, buffer.baseAddress, Int32(min(buffer.count, Int(Int32.max))))
        if count > 0 {
            answered = true
            return Int(count)
        }
        let code = SSL_get_error(ssl, count)
        if code == SSL_ERROR_ZERO_RETURN { return 0 }
        throw ioFailure(code, reading: true)
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var written = 0
        while written < bytes.count {
            OpenSSLFailure.clear()
            let count = SSL_write(ssl, bytes.baseAddress! + written, Int32(min(bytes.count - written, 1 << 30)))
            guard count > 0 else { throw ioFailure(SSL_get_error(ssl, count), reading: false) }
            written += Int(count)
        }
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
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
    private func ioFailure(_ code: Int32, reading: Bool) -> ArtefactError {
        let timedOut = errno == EAGAIN || errno == EWOULDBLOCK
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
        let closedByPeer = code == SSL_ERROR_SYSCALL || code == SSL_ERROR_ZERO_RETURN || detail.contains("unexpected eof")
        if closedByPeer && !timedOut && !answered {
            // A server that rejects the client certificate sends its alert and closes while
            // the client's last handshake messages are still unread, so the connection is
            // often reset and the alert discarded before it can be read.
            guard presentsCertificate else { return certificateRequired }
            return .operational("TLS to \(address): the server closed the connection right after the handshake, so it most likely rejected the client certificate; use a certificate its CA issued")
        }
        if closedByPeer {
            let reason = timedOut ? "timed out" : "the connection was closed"
            return .operational("connection to \(address) failed while \(reading ? "reading" : "writing"): \(reason)")
        }
        return .operational("TLS to \(address) failed while \(reading ? "reading" : "writing"): \(Self.describe(detail))")
    }

    private static func describe(_ detail: String) -> String {
        // OpenSSL's "error:0A00045C:SSL routines::tlsv13 alert certificate required" → the words after "::".
        guard let range = detail.firstRange(of: "::") else { return detail }
        return String(detail[range.upperBound...])
    }

    // MARK: Socket

    private static func connectSocket(host: String, port: Int, settings: TLSSettings) throws -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var results: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &results)
        guard status == 0, let first = results else {
            throw ArtefactError.operational("cannot resolve \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(results) }
        var lastError = "no address"
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            candidate = info.pointee.ai_next
            let descriptor = Glibc.socket(info.pointee.ai_family, info.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), info.pointee.ai_protocol)
            guard descriptor >= 0 else { continue }
            let flags = fcntl(descriptor, F_GETFL)
            _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
            var result = Glibc.connect(descriptor, info.pointee.ai_addr, info.pointee.ai_addrlen)
            if result != 0 && errno == EINPROGRESS {
                var poller = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                let ready = poll(&poller, 1, Int32(settings.connectTimeout * 1000))
                var socketError: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &socketError, &length)
                if ready == 1 && socketError == 0 { result = 0 } else {
                    lastError = ready == 0 ? "timed out after \(settings.connectTimeout) s" : String(cString: strerror(socketError))
                }
            } else if result != 0 {
                lastError = String(cString: strerror(errno))
            }
            guard result == 0 else {
                Glibc.close(descriptor)
                continue
            }
            _ = fcntl(descriptor, F_SETFL, flags)
            var timeout = timeval(tv_sec: settings.ioTimeout, tv_usec: 0)
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var on: Int32 = 1
            setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
            return descriptor
        }
        throw ArtefactError.operational("cannot connect to \(host):\(port): \(lastError)")
    }
}
