import Glibc

/// A non-blocking TCP connection's descriptor, and the waits on it. Every wait has a
/// timeout in milliseconds, so whoever holds a deadline can cut any wait at it.
public enum TCPSocket {
    /// What a wait for readiness (`poll`) saw.
    public enum Readiness {
        case ready
        case timedOut
    }

    /// Resolves `host` (`getaddrinfo`) and connects (`socket`, `connect`, `poll`) to the first
    /// address that answers within `timeoutMilliseconds`, each. The descriptor is left
    /// non-blocking, close-on-exec, with TCP_NODELAY.
    public static func connect(host: String, port: Int, timeoutMilliseconds: () -> Int) throws -> Int32 {
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
            let descriptor = Glibc.socket(info.pointee.ai_family,
                                          info.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue),
                                          info.pointee.ai_protocol)
            guard descriptor >= 0 else { continue }
            var result = Glibc.connect(descriptor, info.pointee.ai_addr, info.pointee.ai_addrlen)
            if result != 0 && errno == EINPROGRESS {
                let timeout = timeoutMilliseconds()
                let readiness = wait(descriptor, forWriting: true, milliseconds: timeout)
                var socketError: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &socketError, &length)
                if readiness == .ready && socketError == 0 { result = 0 } else {
                    lastError = readiness == .timedOut ? "timed out after \(timeout / 1000) s" : String(cString: strerror(socketError))
                }
            } else if result != 0 {
                lastError = String(cString: strerror(errno))
            }
            guard result == 0 else {
                Glibc.close(descriptor)
                continue
            }
            var on: Int32 = 1
            setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
            return descriptor
        }
        throw ArtefactError.operational("cannot connect to \(host):\(port): \(lastError)")
    }

    /// Waits (`poll`) until `descriptor` can be read (or written), at most `milliseconds`.
    /// An error or hang-up on the socket counts as ready: the next read or write reports it.
    public static func wait(_ descriptor: Int32, forWriting: Bool, milliseconds: Int) -> Readiness {
        var poller = pollfd(fd: descriptor, events: Int16(forWriting ? POLLOUT : POLLIN), revents: 0)
        let ready = retryingOnInterrupt { poll(&poller, 1, Int32(clamping: max(milliseconds, 0))) }
        return ready == 0 ? .timedOut : .ready
    }
}
