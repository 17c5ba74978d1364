/// Reads HTTP/1.1 responses from a byte source: the status line, the header section, and a
/// body delimited by `Content-Length`, by chunked coding (with chunk extensions and
/// trailers) or by the end of the stream. Strict and bounded: lines end in CRLF, every part
/// has a byte limit (`HTTPResponseLimits`), numbers are plain decimal or hexadecimal digits
/// that must fit in 63 bits, and anything else is a malformed response (an operational
/// error naming `peer`). It knows nothing of sockets or time, so tests and fuzz harnesses
/// feed it bytes through `HTTPBytesSource`.
public final class HTTPResponseParser {
    public static let defaultBufferSize = 1 << 20

    public let limits: HTTPResponseLimits
    /// Who sent the bytes, for error messages: `host:port`.
    public let peer: String
    private let source: HTTPByteSource
    /// Received bytes not yet consumed are `storage[bufferStart..<bufferEnd]`.
    private let storage: UnsafeMutableRawBufferPointer
    private var bufferStart = 0
    private var bufferEnd = 0
    /// False once the server said `Connection: close`, a body was cut short or a response
    /// was malformed: the connection must not carry another request.
    public private(set) var reusable = true

    public init(source: HTTPByteSource, peer: String, limits: HTTPResponseLimits = HTTPResponseLimits(),
                bufferSize: Int = HTTPResponseParser.defaultBufferSize) {
        self.source = source
        self.peer = peer
        self.limits = limits
        // A line must fit in the buffer with room to spare for the next read.
        let longestLine = max(limits.statusLineBytes, limits.headerBytes, limits.chunkSizeLineBytes, limits.trailerBytes)
        storage = .allocate(byteCount: max(bufferSize, longestLine + 4096), alignment: 16)
    }

    deinit { storage.deallocate() }

    /// Parses every response in `bytes`, one after another (as answers to GET requests),
    /// discarding their bodies. The entry point for fuzzing; stops at the end of the bytes.
    public static func parseAll(_ bytes: [UInt8], pieceSize: Int = 4096) throws -> [HTTPResponse] {
        let parser = HTTPResponseParser(source: HTTPBytesSource(bytes, pieceSize: pieceSize), peer: "input",
                                        bufferSize: 64 << 10)
        var responses: [HTTPResponse] = []
        while parser.reusable, try parser.hasMoreBytes() {
            let response = try parser.readHead()
            try parser.discardBody(of: response, method: "GET")
            responses.append(response)
        }
        return responses
    }

    /// Whether anything follows what has been consumed so far (reading to find out).
    func hasMoreBytes() throws -> Bool {
        if bufferStart < bufferEnd { return true }
        return try fill()
    }

    // MARK: Head

    public func readHead() throws -> HTTPResponse {
        let statusLine = try readLine(limit: limits.statusLineBytes, what: "status line")
        let (version, status, reason) = try parseStatusLine(statusLine)
        var headers: [(String, String)] = []
        var total = 0
        while true {
            let line = try readLine(limit: limits.headerBytes - total, what: "header section")
            if line.isEmpty { break }
            total += line.count + 2
            guard headers.count < limits.headerCount else { throw malformed("more than \(limits.headerCount) header fields") }
            headers.append(try parseField(line))
        }
        let framing = try Self.framing(of: headers, peer: self)
        let response = HTTPResponse(status: status, reason: reason, headers: headers, framing: framing)
        if version == "HTTP/1.0" || response.header("Connection")?.lowercased() == "close" { reusable = false }
        return response
    }

    private func parseStatusLine(_ line: [UInt8]) throws -> (String, Int, String) {
        // HTTP-version SP 3DIGIT SP [reason-phrase]; a missing reason is tolerated.
        guard line.count >= 12, line[8] == UInt8(ascii: " "), line[9..<12].allSatisfy(Self.isDigit),
              line.count == 12 || line[12] == UInt8(ascii: " ")
        else { throw malformed("bad status line") }
        let version = String(decoding: line[0..<8], as: UTF8.self)
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else { throw malformed("bad status line") }
        let status = line[9..<12].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        guard line.allSatisfy(Self.isFieldByte) else { throw malformed("control character in the status line") }
        let reason = line.count > 13 ? String(decoding: line[13...], as: UTF8.self) : ""
        return (version, status, reason)
    }

    /// `name: value`, the name a token, the value without control characters other than tab.
    private func parseField(_ line: [UInt8]) throws -> (String, String) {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0, line[..<colon].allSatisfy(Self.isTokenCharacter)
        else { throw malformed("bad header line") }
        let value = line[(colon + 1)...]
        guard value.allSatisfy(Self.isFieldByte) else { throw malformed("control character in a header value") }
        return (String(decoding: line[..<colon], as: UTF8.self), String(decoding: value, as: UTF8.self).trimmingSpaces)
    }

    /// How the body is delimited: chunked coding wins over `Content-Length` (RFC 9112 6.3),
    /// but such a response ends the connection; lengths that disagree are malformed.
    private static func framing(of headers: [(String, String)], peer parser: HTTPResponseParser) throws -> HTTPResponse.Framing {
        let codings = headers.filter { $0.0.lowercased() == "transfer-encoding" }.map { $0.1.lowercased() }
        let lengths = headers.filter { $0.0.lowercased() == "content-length" }
            .flatMap { $0.1.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces } }
        if !codings.isEmpty {
            guard codings == ["chunked"] else { throw parser.malformed("unsupported Transfer-Encoding \"\(codings.joined(separator: ", "))\"") }
            if !lengths.isEmpty { parser.reusable = false }
            return .chunked
        }
        guard let first = lengths.first else { return .untilClose }
        guard let length = decimal(first) else { throw parser.malformed("bad Content-Length \"\(first)\"") }
        guard lengths.allSatisfy({ $0 == first }) else { throw parser.malformed("Content-Length values disagree") }
        return .length(length)
    }

    // MARK: Body

    /// Whether a response to `method` has a body at all.
    private static func hasBody(_ response: HTTPResponse, method: String) -> Bool {
        !(method == "HEAD" || response.status == 204 || response.status == 304 || (100..<200).contains(response.status))
    }

    /// Reads the body of `response` (to a request of `method`), handing it to `sink` in
    /// pieces. With `wireLimit`, refuses a body whose bytes on the wire (framing included)
    /// would exceed it.
    public func readBody(of response: HTTPResponse, method: String, wireLimit: Int64? = nil,
                         into sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard Self.hasBody(response, method: method) else { return }
        var budget = WireBudget(limit: wireLimit, parser: self)
        switch response.framing {
        case .length(let length):
            try budget.spend(length)
            try readExactly(length, into: sink)
        case .chunked:
            try readChunked(budget: &budget, into: sink)
        case .untilClose:
            reusable = false
            while true {
                if bufferStart == bufferEnd, try !fill() { return }
                let available = Int64(bufferEnd - bufferStart)
                try budget.spend(available)
                try consumeBuffered(available, into: sink)
            }
        }
    }

    /// Reads a whole body into memory, refusing one larger than `limit` bytes.
    public func readBody(of response: HTTPResponse, method: String, limit: Int) throws -> [UInt8] {
        if case .length(let length) = response.framing, length > Int64(limit), Self.hasBody(response, method: method) {
            throw tooLarge(limit)
        }
        var body: [UInt8] = []
        try readBody(of: response, method: method, wireLimit: Int64(limit) + limits.framingAllowance) { piece in
            guard body.count + piece.count <= limit else {
                throw tooLarge(limit)
            }
            body.append(contentsOf: piece)
        }
        return body
    }

    /// Reads and drops a body, up to `limits.discardBytes` on the wire.
    public func discardBody(of response: HTTPResponse, method: String) throws {
        try readBody(of: response, method: method, wireLimit: limits.discardBytes) { _ in }
    }

    private func readChunked(budget: inout WireBudget, into sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        while true {
            let line = try readLine(limit: limits.chunkSizeLineBytes, what: "chunk-size line")
            try budget.spend(Int64(line.count + 2))
            let size = try chunkSize(line)
            if size == 0 { return try readTrailers(budget: &budget) }
            try budget.spend(size)
            try budget.spend(2)
            try readExactly(size, into: sink)
            guard try readLine(limit: 0, what: "chunk data (longer than its size)").isEmpty else { throw malformed("chunk not followed by CRLF") }
        }
    }

    /// `1*HEXDIG [BWS ";" extensions]`: the size must fit in 63 bits; extensions are skipped.
    private func chunkSize(_ line: [UInt8]) throws -> Int64 {
        var digits = line[...]
        if let semicolon = line.firstIndex(of: UInt8(ascii: ";")) { digits = line[..<semicolon] }
        while let last = digits.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { digits = digits.dropLast() }
        guard !digits.isEmpty, digits.count <= 16, let value = UInt64(String(decoding: digits, as: UTF8.self), radix: 16),
              digits.allSatisfy({ Self.isHexDigit($0) }), value <= UInt64(Int64.max)
        else { throw malformed("bad chunk size") }
        return Int64(value)
    }

    private func readTrailers(budget: inout WireBudget) throws {
        var total = 0
        var count = 0
        while true {
            let line = try readLine(limit: limits.trailerBytes - total, what: "trailer section")
            try budget.spend(Int64(line.count + 2))
            if line.isEmpty { return }
            total += line.count + 2
            count += 1
            guard count <= limits.headerCount else { throw malformed("more than \(limits.headerCount) trailer fields") }
            _ = try parseField(line)
        }
    }

    private func readExactly(_ length: Int64, into sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        var remaining = length
        while remaining > 0 {
            if bufferStart == bufferEnd {
                guard try fill() else {
                    reusable = false
                    throw ArtefactError.operational("connection to \(peer) closed in the middle of a response body")
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

    // MARK: Bytes and lines

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
        let count: Int
        do { count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: storage[bufferEnd...])) } catch {
            reusable = false
            throw error
        }
        guard count >= 0, count <= storage.count - bufferEnd else { throw malformed("the byte source misreported a read") }
        bufferEnd += count
        return count > 0
    }

    /// The next line, without its CRLF; a line longer than `limit` bytes (or a limit spent
    /// already, when negative) is malformed, whatever follows.
    private func readLine(limit: Int, what: String) throws -> [UInt8] {
        // How many bytes after `bufferStart` are known to hold no newline; `fill` moves the
        // buffered bytes, so positions are kept relative to `bufferStart`.
        var searched = 0
        while true {
            let window = UnsafeRawBufferPointer(rebasing: storage[(bufferStart + searched)..<bufferEnd])
            if let found = window.firstIndex(of: UInt8(ascii: "\n")) {
                let end = bufferStart + searched + found
                guard end > bufferStart, storage[end - 1] == UInt8(ascii: "\r") else { throw malformed("line not ended by CRLF") }
                guard end - 1 - bufferStart <= limit else { throw malformed("the \(what) is longer than allowed") }
                let line = Array(UnsafeRawBufferPointer(rebasing: storage[bufferStart..<(end - 1)]))
                bufferStart = end + 1
                return line
            }
            searched = bufferEnd - bufferStart
            // One byte more than the limit allows for the CR of a line exactly at the limit.
            guard searched <= max(limit, 0) + 1 else { throw malformed("the \(what) is longer than allowed") }
            guard try fill() else {
                reusable = false
                throw ArtefactError.operational("connection to \(peer) closed before a complete response")
            }
        }
    }

    fileprivate func malformed(_ what: String) -> ArtefactError {
        reusable = false
        return .operational("malformed HTTP response from \(peer): \(what)")
    }

    fileprivate func tooLarge(_ limit: Int64) -> ArtefactError {
        reusable = false
        return .operational("a response from \(peer) is larger than \(limit) bytes, the most artefact reads for it")
    }

    private func tooLarge(_ limit: Int) -> ArtefactError { tooLarge(Int64(limit)) }

    /// Plain decimal digits that fit in 63 bits; no sign, no spaces.
    static func decimal(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 18, bytes.allSatisfy(isDigit) else { return nil }
        return Int64(text)
    }

    /// What a status line or field value may hold: visible bytes, space, tab (RFC 9110 5.5).
    private static func isFieldByte(_ byte: UInt8) -> Bool { byte >= 0x20 && byte != 0x7F || byte == 0x09 }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }

    /// RFC 9110 tchar.
    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
    }
}

/// Bytes a body may still take on the wire; checked with overflow-safe arithmetic, since
/// the amounts come from the server.
private struct WireBudget {
    var remaining: Int64?
    let limit: Int64
    unowned let parser: HTTPResponseParser

    init(limit: Int64?, parser: HTTPResponseParser) {
        remaining = limit
        self.limit = limit ?? 0
        self.parser = parser
    }

    mutating func spend(_ bytes: Int64) throws {
        guard let left = remaining else { return }
        guard bytes <= left else { throw parser.tooLarge(limit) }
        remaining = left - bytes
    }
}
