import ArtefactCore
import Testing

/// What the HTTP/1.1 response parser makes of each part of a response (status line,
/// header fields, framing, bodies that are absent, truncated or too large), and that every
/// refusal is an operational failure naming the part. `HTTPResponseParserTests` holds the
/// broad malformed-input and limit sweeps.
@Suite struct HTTPResponseFramingTests {
    static let malformedPrefix = "malformed HTTP response from test: "

    func parser(_ text: String, pieceSize: Int = 5, limits: HTTPResponseLimits = HTTPResponseLimits()) -> HTTPResponseParser {
        HTTPResponseParser(source: HTTPBytesSource(Array(text.utf8), pieceSize: pieceSize), peer: "test", limits: limits,
                           bufferSize: 4096)
    }

    /// The head and body of the first response in `text`.
    func read(_ text: String, method: String = "GET", pieceSize: Int = 5,
              limits: HTTPResponseLimits = HTTPResponseLimits()) throws -> (HTTPResponse, String, HTTPResponseParser) {
        let parser = parser(text, pieceSize: pieceSize, limits: limits)
        let head = try parser.readHead()
        let body = try parser.readBody(of: head, method: method, limit: 1 << 20)
        return (head, String(decoding: body, as: UTF8.self), parser)
    }

    /// The error reading the first response of `text` fails with, or nil when it does not.
    func failure(_ text: String, limits: HTTPResponseLimits = HTTPResponseLimits(), bodyLimit: Int = 1 << 20) -> ArtefactError? {
        do {
            let parser = parser(text, limits: limits)
            _ = try parser.readBody(of: try parser.readHead(), method: "GET", limit: bodyLimit)
            return nil
        } catch let error as ArtefactError {
            return error
        } catch {
            Issue.record("not an ArtefactError: \(error)")
            return nil
        }
    }

    func expectFailure(_ text: String, _ message: String, limits: HTTPResponseLimits = HTTPResponseLimits(),
                       bodyLimit: Int = 1 << 20, sourceLocation: SourceLocation = #_sourceLocation) {
        let error = failure(text, limits: limits, bodyLimit: bodyLimit)
        #expect(error?.kind == .operational, "\(String(describing: error))", sourceLocation: sourceLocation)
        #expect(error?.message == message, sourceLocation: sourceLocation)
    }

    // MARK: Status line

    @Test func statusLineGivesStatusAndReason() throws {
        let (head, _, parser) = try read("HTTP/1.1 404 Not Found Here\r\nContent-Length: 0\r\n\r\n")
        #expect(head.status == 404)
        #expect(head.reason == "Not Found Here")
        #expect(parser.reusable)
    }

    @Test func aMissingReasonIsTolerated() throws {
        let (head, _, _) = try read("HTTP/1.1 503\r\nContent-Length: 0\r\n\r\n")
        #expect(head.status == 503)
        #expect(head.reason == "")
    }

    @Test func http10EndsTheConnection() throws {
        let (head, body, parser) = try read("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok")
        #expect(head.status == 200)
        #expect(body == "ok")
        #expect(!parser.reusable)
    }

    @Test(arguments: ["HTTP/1.1 200OK\r\n\r\n", "HTTP/1.2 200 OK\r\n\r\n", "HTTP/1.1 2x0 OK\r\n\r\n", "http/1.1 200 OK\r\n\r\n", "HTTP/1.1\r\n\r\n"])
    func aBadStatusLineIsNamed(_ text: String) {
        expectFailure(text, Self.malformedPrefix + "bad status line")
    }

    // MARK: Header fields

    @Test func headerNamesMatchWithoutCaseAndValuesLoseOuterSpaces() throws {
        let (head, _, _) = try read("HTTP/1.1 200 OK\r\nDocker-Content-Digest: \t sha256:ab \t\r\nX-Empty:\r\nX-Tab: a\tb\r\nContent-Length: 0\r\n\r\n")
        #expect(head.header("docker-content-digest") == "sha256:ab")
        #expect(head.header("DOCKER-CONTENT-DIGEST") == "sha256:ab")
        #expect(head.header("x-empty") == "")
        #expect(head.header("X-Tab") == "a\tb")
        #expect(head.header("X-Absent") == nil)
        #expect(head.headers.count == 4)
    }

    @Test func theFirstOfRepeatedHeadersIsTheOneLookedUp() throws {
        let (head, _, _) = try read("HTTP/1.1 200 OK\r\nLocation: /first\r\nLocation: /second\r\nContent-Length: 0\r\n\r\n")
        #expect(head.header("Location") == "/first")
    }

    @Test(arguments: [": no name", "No Colon", "Sp ace: x", "Bad\u{7F}: x"])
    func aBadHeaderLineIsNamed(_ line: String) {
        expectFailure("HTTP/1.1 200 OK\r\n\(line)\r\n\r\n", Self.malformedPrefix + "bad header line")
    }

    @Test func aControlCharacterInAValueIsNamed() {
        expectFailure("HTTP/1.1 200 OK\r\nX: a\u{0}b\r\n\r\n", Self.malformedPrefix + "control character in a header value")
    }

    @Test func aBareLineFeedIsRefused() {
        expectFailure("HTTP/1.1 200 OK\r\nX: y\n\r\n", Self.malformedPrefix + "line not ended by CRLF")
    }

    @Test func headerCountIsBounded() {
        var limits = HTTPResponseLimits()
        limits.headerCount = 3
        let three = "HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\nContent-Length: 0\r\n\r\n"
        #expect(failure(three, limits: limits) == nil)
        expectFailure("HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\nC: 3\r\nContent-Length: 0\r\n\r\n",
                      Self.malformedPrefix + "more than 3 header fields", limits: limits)
    }

    @Test func theStatusLineLimitIsExact() {
        var limits = HTTPResponseLimits()
        limits.statusLineBytes = 16
        #expect(failure("HTTP/1.1 200 abc\r\nContent-Length: 0\r\n\r\n", limits: limits) == nil, "16 bytes is within a 16-byte limit")
        expectFailure("HTTP/1.1 200 abcd\r\nContent-Length: 0\r\n\r\n", Self.malformedPrefix + "the status line is longer than allowed",
                      limits: limits)
    }

    // MARK: Framing

    @Test func framingIsReadFromTheHeaders() throws {
        #expect(try read("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc").0.framing == .length(3))
        #expect(try read("HTTP/1.1 200 OK\r\nContent-Length: 3, 3\r\n\r\nabc").0.framing == .length(3))
        #expect(try read("HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\n0\r\n\r\n").0.framing == .chunked)
        #expect(try read("HTTP/1.1 200 OK\r\n\r\nto the end").0.framing == .untilClose)
    }

    @Test func chunkedWinsOverALengthButEndsTheConnection() throws {
        let (head, body, parser) = try read("HTTP/1.1 200 OK\r\nContent-Length: 99\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n")
        #expect(head.framing == .chunked)
        #expect(body == "hi")
        #expect(!parser.reusable)
    }

    @Test func aBodyReadToTheCloseEndsTheConnection() throws {
        let (_, body, parser) = try read("HTTP/1.1 200 OK\r\n\r\nto the end")
        #expect(body == "to the end")
        #expect(!parser.reusable)
    }

    @Test func lengthsThatDisagreeAreNamed() {
        expectFailure("HTTP/1.1 200 OK\r\nContent-Length: 3, 4\r\n\r\nabcd", Self.malformedPrefix + "Content-Length values disagree")
        expectFailure("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
                      Self.malformedPrefix + "Content-Length values disagree")
    }

    @Test(arguments: ["", " ", "3 3", "0x10", "1e3", "3.0", "1234567890123456789"])
    func aBadLengthIsNamed(_ value: String) {
        expectFailure("HTTP/1.1 200 OK\r\nContent-Length: \(value)\r\n\r\n", Self.malformedPrefix + "bad Content-Length \"\(value.trimmingCharacters)\"")
    }

    @Test func anUnsupportedCodingIsNamed() {
        expectFailure("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
                      Self.malformedPrefix + "unsupported Transfer-Encoding \"gzip, chunked\"")
    }

    // MARK: Bodies

    @Test(arguments: [("GET", "HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n"),
                      ("GET", "HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n"),
                      ("GET", "HTTP/1.1 101 Switching\r\nContent-Length: 5\r\n\r\n"),
                      ("HEAD", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n")])
    func responsesWithoutABodyLeaveTheNextResponseIntact(_ exchange: (String, String)) throws {
        let parser = parser(exchange.1 + "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nnext")
        let head = try parser.readHead()
        #expect(try parser.readBody(of: head, method: exchange.0, limit: 100).isEmpty)
        let next = try parser.readHead()
        #expect(String(decoding: try parser.readBody(of: next, method: "GET", limit: 100), as: UTF8.self) == "next")
        #expect(parser.reusable)
    }

    @Test(arguments: [1, 2, 3, 7, 64, 4096])
    func howTheBytesArriveDoesNotMatter(_ pieceSize: Int) throws {
        let text = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n1;ext=1\r\n,\r\n6\r\n world\r\n0\r\nT: v\r\n\r\n"
        let (head, body, parser) = try read(text, pieceSize: pieceSize)
        #expect(head.status == 200)
        #expect(body == "hello, world")
        #expect(parser.reusable)
    }

    @Test func aBodyCutShortIsAnOperationalFailure() {
        expectFailure("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", "connection to test closed in the middle of a response body")
        expectFailure("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nshort", "connection to test closed in the middle of a response body")
    }

    @Test func aHeadCutShortIsAnOperationalFailure() {
        expectFailure("HTTP/1.1 200 OK\r\nContent-Len", "connection to test closed before a complete response")
        expectFailure("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n", "connection to test closed before a complete response")
        expectFailure("", "connection to test closed before a complete response")
    }

    @Test func aChunkLongerThanItsSizeIsNamed() {
        expectFailure("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n",
                      Self.malformedPrefix + "the chunk data (longer than its size) is longer than allowed")
    }

    @Test func aBodyOverItsLimitIsRefusedByLengthOrByCount() {
        let tooLarge = "a response from test is larger than 4 bytes, the most artefact reads for it"
        expectFailure("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabcde", tooLarge, bodyLimit: 4)
        expectFailure("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n", tooLarge, bodyLimit: 4)
        expectFailure("HTTP/1.1 200 OK\r\n\r\nabcde", tooLarge, bodyLimit: 4)
        #expect(failure("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nabcd", bodyLimit: 4) == nil, "exactly the limit is allowed")
    }
}

private extension String {
    /// Without leading and trailing spaces, as the parser quotes a value.
    var trimmingCharacters: String {
        var view = Substring(self)
        while view.first == " " { view = view.dropFirst() }
        while view.last == " " { view = view.dropLast() }
        return String(view)
    }
}
