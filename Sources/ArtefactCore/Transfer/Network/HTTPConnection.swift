import Glibc

/// HTTP/1.1 over one TLS connection, kept alive between requests. Response parsing is
/// strict and bounded: a status line and headers of at most 64 KiB and 100 fields, lines
/// ending in CRLF, `Content-Length` or chunked bodies.
final class HTTPConnection {
    static let maximumHeaderBytes = 64 << 10
    static let maximumHeaderCount = 100
    static let streamBufferSize = 1 << 20

    let tls: TLSConnection
    /// Received bytes not yet consumed are `storage[bufferStart..<bufferEnd]`.
    private let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: streamBufferSize, alignment: 16)
    private var bufferStart = 0
    private var bufferEnd = 0
    /// False once the server said `Connection: close` or a body was cut short.
    private(set) var reusable = true

    init(tls: TLSConnection) { self.tls = tls }

    deinit { storage.deallocate() }

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

    /// Streams part of a file the caller opened (a store blob, opened without following symlinks).
    private func streamFile(_ file: FileDescriptor, offset: Int64, length: Int64) throws {
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.streamBufferSize, alignment: 4096)
        defer { chunk.deallocate() }
        var sent: Int64 = 0
        while sent < length {
            let wanted = Int(min(Int64(chunk.count), length - sent))
            let part = UnsafeMutableRawBufferPointer(rebasing: chunk[0..<wanted])
            let count: Int
            do { count = try file.read(into: part, at: offset + sent) } catch { throw error.asArtefactError }
            guard count == wanted else { throw ArtefactError.operational("\(file.path) shrank while it was being sent") }
            try tls.write(UnsafeRawBufferPointer(part))
            sent += Int64(count)
        }
    }

    // MARK: Receiving

    func readResponseHead() throws -> HTTPResponse {
        let statusLine = try readLine()
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0] == "HTTP/1.1" || parts[0] == "HTTP/1.0", parts[1].count == 3,
              let status = Int(parts[1])
        else { throw malformed("bad status line") }
        var headers: [(String, String)] = []
        var total = statusLine.utf8.count
        while true {
            let line = try readLine()
            if line.isEmpty { break }
            total += line.utf8.count
            guard total <= Self.maximumHeaderBytes, headers.count < Self.maximumHeaderCount else {
                throw malformed("response headers exceed \(Self.maximumHeaderBytes) bytes or \(Self.maximumHeaderCount) fields")
            }
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex,
                  !line[..<colon].contains(where: { $0 == " " || $0 == "\t" })
            else { throw malformed("bad header line") }
            headers.append((String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingSpaces))
        }
        let response = HTTPResponse(status: status, reason: parts.count > 2 ? String(parts[2]) : "", headers: headers)
        if response.header("Connection")?.lowercased() == "close" || parts[0] == "HTTP/1.0" { reusable = false }
        return response
    }

    /// Reads the body of `response` (to a request of `method`), handing it to `sink` in pieces.
    func readBody(of response: HTTPResponse, method: String, into sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        if method == "HEAD" || response.status == 204 || response.status == 304 || (100..<200).contains(response.status) { return }
        switch response.framing {
        case .length(let length):
            try readExactly(length, into: sink)
        case .chunked:
            while true {
                let sizeLine = try readLine()
                let sizeText = sizeLine.split(separator: ";", maxSplits: 1).first.map(String.init)?.trimmingSpaces ?? ""
                guard let size = Int64(sizeText, radix: 16), size >= 0 else { throw malformed("bad chunk size") }
                if size == 0 {
                    while try !readLine().isEmpty {}
                    return
                }
                try readExactly(size, into: sink)
                guard try readLine().isEmpty else { throw malformed("chunk not followed by CRLF") }
            }
        case .untilClose:
            reusable = false
            while true {
                if bufferStart == bufferEnd, try !fill() { return }
                try consumeBuffered(Int64(bufferEnd - bufferStart), into: sink)
            }
        }
    }

    /// Reads a whole body, refusing one larger than `limit`.
    func readBody(of response: HTTPResponse, method: String, limit: Int) throws -> [UInt8] {
        var body: [UInt8] = []
        try readBody(of: response, method: method) { piece in
            guard body.count + piece.count <= limit else {
                throw ArtefactError.operational("a response from \(tls.address) is larger than \(limit) bytes")
            }
            body.append(contentsOf: piece)
        }
        return body
    }

    private func readExactly(_ length: Int64, into sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        var remaining = length
        while remaining > 0 {
            if bufferStart == bufferEnd {
                guard try fill() else {
                    reusable = false
                    throw ArtefactError.operational("connection to \(tls.address) closed in the middle of a response body")
                }
            }
            remaining -= try consumeBuffered(remaining, into: sink)
        }
    }

    @discardableResult
    private func consumeBuffered(_ limit: Int64, into sink: (UnsafeRawBufferPointer) throws -> Void) throws -> Int64 {
        let count = Int(min(Int64(bufferEnd - bufferStart), limit))
        try sink(UnsafeRawBufferPointer(rebasing: storage[bufferStart..<bufferStart + count]))
        bufferStart += count
        return Int64(count)
    }

    /// Reads more bytes after those buffered, moving unconsumed bytes to the front first;
    /// false at end of stream.
    private func fill() throws -> Bool {
        if bufferStart > 0 {
            let pending = bufferEnd - bufferStart
            if pending > 0 { storage.baseAddress!.copyMemory(from: storage.baseAddress! + bufferStart, byteCount: pending) }
            bufferStart = 0
            bufferEnd = pending
        }
        guard bufferEnd < storage.count else { throw malformed("a line longer than the receive buffer") }
        let count = try tls.read(into: UnsafeMutableRawBufferPointer(rebasing: storage[bufferEnd...]))
        bufferEnd += count
        return count > 0
    }

    private func readLine() throws -> String {
        // How many bytes after `bufferStart` are known to hold no newline; `fill` moves the
        // buffered bytes, so positions are kept relative to `bufferStart`.
        var searched = 0
        while true {
            let window = UnsafeRawBufferPointer(rebasing: storage[(bufferStart + searched)..<bufferEnd])
            if let found = window.firstIndex(of: UInt8(ascii: "\n")) {
                let end = bufferStart + searched + found
                guard end > bufferStart, storage[end - 1] == UInt8(ascii: "\r") else { throw malformed("line not ended by CRLF") }
                let line = String(decoding: UnsafeRawBufferPointer(rebasing: storage[bufferStart..<(end - 1)]), as: UTF8.self)
                bufferStart = end + 1
                return line
            }
            searched = bufferEnd - bufferStart
            guard searched <= Self.maximumHeaderBytes else { throw malformed("a header line is too long") }
            guard try fill() else {
                reusable = false
                throw ArtefactError.operational("connection to \(tls.address) closed before a complete response")
            }
        }
    }

    private func malformed(_ what: String) -> ArtefactError {
        reusable = false
        return .operational("malformed HTTP response from \(tls.address): \(what)")
    }
}
