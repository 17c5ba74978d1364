/// The percent-encoding SigV4 signs, which is also what artefact puts on the wire, so the
/// server's canonical form of a request and ours are the same bytes: every byte but the
/// unreserved `A-Z a-z 0-9 - _ . ~` becomes `%XX` (uppercase hex) of its UTF-8 encoding,
/// each key segment is encoded exactly once, and a path keeps its `/` separators.
enum SigV4Encoding {
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// `text` encoded as one query name or value, or one path segment (`/` encoded too).
    static func encode(_ text: String) -> String { encode(text, keepingSlashes: false) }

    /// An absolute path (`/BUCKET/KEY`, `/KEY` or `/`), each segment encoded, `/` kept.
    static func encodePath(_ path: String) -> String { encode(path, keepingSlashes: true) }

    private static func encode(_ text: String, keepingSlashes: Bool) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) || (keepingSlashes && byte == UInt8(ascii: "/")) {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// The canonical query string: names and values encoded, sorted by name and then by
    /// value (byte order of the encoded forms), joined as `name=value&...`; `name=` for a
    /// parameter without a value. Sent as the request's query too.
    static func canonicalQuery(_ parameters: [(String, String)]) -> String {
        parameters.map { (encode($0.0), encode($0.1)) }
            .sorted { $0.0 == $1.0 ? Array($0.1.utf8).lexicographicallyPrecedes($1.1.utf8) : Array($0.0.utf8).lexicographicallyPrecedes($1.0.utf8) }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }
}
