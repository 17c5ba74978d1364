@testable import ArtefactCore

/// The HTTP/1.1 response parser (status line, headers, `Content-Length`, chunked and
/// until-close bodies, chunk extensions, trailers, several responses on one connection)
/// never traps and stays inside its limits, whatever the server sends; and it comes to
/// the same result, bodies included, however the bytes are cut into reads, as TCP may cut
/// them anyhow. The input's first byte picks a read size from 1 to 16 bytes; the rest is
/// the stream.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPResponse(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Fuzz.bytes(data, size)
    guard let selector = bytes.first else { return 0 }
    let stream = Array(bytes.dropFirst())
    let pieceSize = 1 + Int(selector % 16)
    let whole = bodiesRead(from: stream, pieceSize: 1 << 16)
    let pieces = bodiesRead(from: stream, pieceSize: pieceSize)
    Fuzz.require(whole == pieces, "read whole: \(whole); read in \(pieceSize)-byte pieces: \(pieces)")
    let discarded = (try? HTTPResponseParser.parseAll(stream))?.count
    let discardedInPieces = (try? HTTPResponseParser.parseAll(stream, pieceSize: pieceSize))?.count
    Fuzz.require(discarded == discardedInPieces, "bodies discarded: \(String(describing: discarded)) responses whole, "
                 + "\(String(describing: discardedInPieces)) in \(pieceSize)-byte pieces")
    return 0
}

/// Each response's status line, headers, framing and body, as text to compare, ending in
/// "refused" when the stream was. Which message a refusal carries may depend on the cut (a
/// line too long and a line not ended by CRLF can be the same bytes, seen before or after
/// its newline arrives), so the message is left out.
func bodiesRead(from stream: [UInt8], pieceSize: Int) -> String {
    let parser = HTTPResponseParser(source: HTTPBytesSource(stream, pieceSize: pieceSize), peer: "fuzz input", bufferSize: 64 << 10)
    var parts: [String] = []
    do {
        while parser.reusable, try parser.hasMoreBytes() {
            let response = try parser.readHead()
            let body = try parser.readBody(of: response, method: "GET", limit: 1 << 16)
            parts.append("\(response.status) \(response.reason) \(response.headers) \(response.framing) \(body)")
        }
    } catch {
        parts.append("refused")
    }
    return parts.joined(separator: "; ")
}
