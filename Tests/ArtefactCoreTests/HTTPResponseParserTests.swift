import ArtefactCore
import Testing

@Suite struct HTTPResponseParserTests {
    func parser(_ text: String, pieceSize: Int = 7, limits: HTTPResponseLimits = HTTPResponseLimits()) -> HTTPResponseParser {
        HTTPResponseParser(source: HTTPBytesSource(Array(text.utf8), pieceSize: pieceSize), peer: "test", limits: limits,
                           bufferSize: 4096)
    }

    func body(_ text: String, limit: Int = 1 << 20, limits: HTTPResponseLimits = HTTPResponseLimits()) throws -> String {
        let parser = parser(text, limits: limits)
        let head = try parser.readHead()
        return String(decoding: try parser.readBody(of: head, method: "GET", limit: limit), as: UTF8.self)
    }

    @Test func readsLengthAndChunkedBodiesWithExtensionsAndTrailers() throws {
        #expect(try body("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello") == "hello")
        let chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;name=value\r\nhel\r\n2 \r\nlo\r\n0\r\nX-Trailer: t\r\n\r\n"
        #expect(try body(chunked) == "hello")
        let responses = try HTTPResponseParser.parseAll(Array((chunked + "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n").utf8))
        #expect(responses.map(\.status) == [200, 404])
        #expect(responses[1].reason == "Not Found")
    }

    @Test(arguments: [
        "HTTP/1.1 20 OK\r\n\r\n",
        "HTTP/1.1 +20 OK\r\n\r\n",
        "HTTP/2 200 OK\r\n\r\n",
        "HTTP/1.1 200 OK\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX: a\u{1}b\r\n\r\n",
        "HTTP/1.1 500 Oops\u{1B}[2J\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: +1\r\n\r\nx",
        "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nxx",
        "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffff\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n8000000000000000\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0x1\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nxy\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nno colon\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",
    ])
    func refusesMalformedResponses(_ text: String) {
        #expect(throws: ArtefactError.self) { _ = try body(text) }
    }

    /// Each part that comes from the server stops at its limit, however the rest goes on.
    @Test func boundsEveryPart() {
        var limits = HTTPResponseLimits()
        limits.statusLineBytes = 64
        limits.headerBytes = 256
        limits.chunkSizeLineBytes = 32
        limits.trailerBytes = 128
        limits.discardBytes = 1000
        let endless = String(repeating: "a", count: 3000)
        let cases = [
            "HTTP/1.1 200 " + endless + "\r\n\r\n",
            "HTTP/1.1 200 OK\r\nX: " + endless + "\r\n\r\n",
            "HTTP/1.1 200 OK\r\n" + String(repeating: "X: y\r\n", count: 500) + "\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;" + endless + "\r\nx\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n" + String(repeating: "T: v\r\n", count: 500) + "\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + String(repeating: "1\r\nx\r\n", count: 500) + "0\r\n\r\n",
            "HTTP/1.1 200 OK\r\n\r\n" + endless,
            "HTTP/1.1 200 OK\r\nContent-Length: 3000\r\n\r\n" + endless,
        ]
        for text in cases {
            #expect(throws: ArtefactError.self, "\(text.prefix(60))") {
                let parser = parser(text, limits: limits)
                try parser.discardBody(of: try parser.readHead(), method: "GET")
            }
        }
        #expect(throws: ArtefactError.self) { _ = try body("HTTP/1.1 200 OK\r\nContent-Length: 3000\r\n\r\n" + endless, limit: 100) }
        #expect(throws: ArtefactError.self) {
            _ = try body("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + String(repeating: "10\r\n" + String(repeating: "z", count: 16) + "\r\n", count: 20) + "0\r\n\r\n", limit: 100)
        }
    }

    @Test func headResponsesAndConnectionCloseAreHonoured() throws {
        let parser = parser("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nHTTP/1.0 204 No Content\r\n\r\n")
        let head = try parser.readHead()
        try parser.discardBody(of: head, method: "HEAD")
        #expect(parser.reusable)
        _ = try parser.readHead()
        #expect(!parser.reusable)
    }
}
