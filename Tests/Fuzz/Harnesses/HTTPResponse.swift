@testable import ArtefactCore

/// The HTTP/1.1 response parser (status line, headers, `Content-Length`, chunked and
/// until-close bodies, chunk extensions, trailers, several responses on one connection)
/// never traps and stays inside its limits, whatever the server sends; and it comes to
/// the same result however the bytes are cut into reads, as TCP may cut them anyhow.
/// The input's first byte picks a read size from 1 to 16 bytes; the rest is the stream.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPResponse(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Fuzz.bytes(data, size)
    guard let selector = bytes.first else { return 0 }
    let stream = Array(bytes.dropFirst())
    let whole = outcome(of: stream, pieceSize: 1 << 16)
    let pieces = outcome(of: stream, pieceSize: 1 + Int(selector % 16))
    Fuzz.require(whole == pieces, "read whole: \(whole); read in \(1 + Int(selector % 16))-byte pieces: \(pieces)")
    return 0
}

/// The responses' status lines, headers and framing, or that the stream was refused, as
/// text to compare. Which message a refusal carries may depend on the cut (a line too long
/// and a line not ended by CRLF can be the same bytes, seen before or after the newline).
func outcome(of stream: [UInt8], pieceSize: Int) -> String {
    do {
        let responses = try HTTPResponseParser.parseAll(stream, pieceSize: pieceSize)
        return responses.map { "\($0.status) \($0.reason) \($0.headers) \($0.framing)" }.joined(separator: "; ")
    } catch {
        return "refused"
    }
}
