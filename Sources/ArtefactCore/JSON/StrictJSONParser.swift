/// A strict RFC 8259 JSON parser for signed data and policy files.
///
/// Foundation's parsers silently keep one of two duplicate keys (and disagree on which),
/// so a signed document with duplicate keys could mean different things to different
/// verifiers. This parser rejects duplicates, trailing data, and anything RFC 8259 does
/// not allow, with the byte offset in the message.
///
/// Hostile input is bounded in depth and in memory: nesting deeper than `maximumDepth` is
/// refused, and so is a document whose parsed tree would take more than
/// `memoryMultiple` times its own size (plus 1 MiB) by a conservative estimate of what
/// each array, object, member and long string costs. Real documents (mostly strings) take
/// two to five times their size; a file of small nested arrays would take thirty or more.
public struct StrictJSONParser {
    /// Nesting deeper than this is refused, so hostile input cannot exhaust the stack.
    public static let maximumDepth = 64
    /// How many times its size a document's parsed tree may take.
    public static let memoryMultiple = 8

    private let bytes: [UInt8]
    private var position = 0
    private var depth = 0
    /// Estimated bytes the tree may still take.
    private var memoryLeft: Int

    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        var parser = StrictJSONParser(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw parser.failure("unexpected data after the JSON value") }
        return value
    }

    /// Reads and parses a JSON file of at most `limit` bytes; a parse error becomes
    /// `failure("not valid JSON: ...")`, in the caller's error kind.
    public static func parseFile(_ path: String, limit: Int, failure: (String) -> ArtefactError) throws -> JSONValue {
        try parse(FileSystem.readFile(path, limit: limit), failure: failure)
    }

    /// Parses bytes already read; a parse error becomes `failure("not valid JSON: ...")`.
    public static func parse(_ bytes: [UInt8], failure: (String) -> ArtefactError) throws -> JSONValue {
        do { return try parse(bytes) } catch {
            throw failure("not valid JSON: \(error)")
        }
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
        let (scaled, overflow) = bytes.count.multipliedReportingOverflow(by: Self.memoryMultiple)
        memoryLeft = overflow ? Int.max : scaled.addingReportingOverflow(1 << 20).partialValue
    }

    // What parts of a tree cost, by estimate: a heap buffer's header and allocator overhead,
    // an element's or member's slot twice over (arrays grow by doubling), a string longer
    // than fits inline, and the set that catches duplicate keys while an object is parsed.
    private static let containerCost = 64
    private static let elementCost = 2 * MemoryLayout<JSONValue>.stride
    private static let memberCost = 2 * MemoryLayout<(String, JSONValue)>.stride + 32
    private static let inlineStringBytes = 15

    private mutating func charge(_ bytes: Int) throws(JSONParseError) {
        guard bytes <= memoryLeft else {
            throw failure("the document would take more than \(Self.memoryMultiple) times its size in memory (too many small values)")
        }
        memoryLeft -= bytes
    }

    private mutating func chargeText(_ byteCount: Int) throws(JSONParseError) {
        if byteCount > Self.inlineStringBytes { try charge(32 + byteCount) }
    }

    private func failure(_ message: String) -> JSONParseError {
        JSONParseError(message: message, offset: position)
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, [0x20, 0x09, 0x0a, 0x0d].contains(bytes[position]) { position += 1 }
    }

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard position < bytes.count else { throw failure("unexpected end of JSON") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw failure("unexpected character")
        }
    }

    private mutating func expectLiteral(_ literal: String) throws(JSONParseError) {
        let expected = Array(literal.utf8)
        guard bytes.count - position >= expected.count, Array(bytes[position..<position + expected.count]) == expected else {
            throw failure("invalid literal")
        }
        position += expected.count
    }

    private mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw failure("nesting deeper than \(Self.maximumDepth) levels") }
        position += 1
        skipWhitespace()
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        defer { depth -= 1 }
        var members: [(String, JSONValue)] = []
        var seen = Set<String>()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
        try charge(Self.containerCost)
        while true {
            try charge(Self.memberCost)
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw failure("expected a string key") }
            let keyOffset = position
            let key = try parseString()
            guard seen.insert(key).inserted else {
                throw JSONParseError(message: "duplicate key \"\(key)\"", offset: keyOffset)
            }
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw failure("expected ':'") }
            position += 1
            skipWhitespace()
            members.append((key, try parseValue()))
            skipWhitespace()
            guard position < bytes.count else { throw failure("unexpected end of JSON in an object") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; skipWhitespace(); continue }
            if bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
            throw failure("expected ',' or '}'")
        }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        defer { depth -= 1 }
        var elements: [JSONValue] = []
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") { position += 1; return .array(elements) }
        try charge(Self.containerCost)
        while true {
            try charge(Self.elementCost)
            elements.append(try parseValue())
            skipWhitespace()
            guard position < bytes.count else { throw failure("unexpected end of JSON in an array") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; skipWhitespace(); continue }
            if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(elements) }
            throw failure("expected ',' or ']'")
        }
    }

    private mutating func parseNumber() throws(JSONParseError) -> String {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, isDigit(bytes[position]) else { throw failure("invalid number") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
        } else {
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else { throw failure("invalid number") }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard position < bytes.count, isDigit(bytes[position]) else { throw failure("invalid number") }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        try chargeText(position - start)
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func parseString() throws(JSONParseError) -> String {
        let start = position
        position += 1
        var scalars = String.UnicodeScalarView()
        var runStart = position
        func flushRun(_ parser: StrictJSONParser, _ scalars: inout String.UnicodeScalarView) throws(JSONParseError) {
            guard runStart < parser.position else { return }
            let run = parser.bytes[runStart..<parser.position]
            guard let text = String(validating: run, as: UTF8.self) else { throw parser.failure("invalid UTF-8 in a string") }
            scalars.append(contentsOf: text.unicodeScalars)
        }
        while true {
            guard position < bytes.count else { throw failure("unterminated string") }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                try flushRun(self, &scalars)
                try chargeText(position - start)
                position += 1
                return String(scalars)
            }
            if byte < 0x20 { throw failure("control character in a string") }
            if byte == UInt8(ascii: "\\") {
                try flushRun(self, &scalars)
                scalars.append(try parseEscape())
                runStart = position
                continue
            }
            position += 1
        }
    }

    private mutating func parseEscape() throws(JSONParseError) -> Unicode.Scalar {
        position += 1
        guard position < bytes.count else { throw failure("unterminated escape") }
        let escape = bytes[position]
        position += 1
        switch escape {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try parseHexQuad()
            if (0xD800...0xDBFF).contains(high) {
                guard bytes.count - position >= 6, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                    throw failure("unpaired surrogate in a string")
                }
                position += 2
                let low = try parseHexQuad()
                guard (0xDC00...0xDFFF).contains(low) else { throw failure("unpaired surrogate in a string") }
                return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
            }
            guard let scalar = Unicode.Scalar(high) else { throw failure("unpaired surrogate in a string") }
            return scalar
        default:
            throw failure("invalid escape")
        }
    }

    private mutating func parseHexQuad() throws(JSONParseError) -> UInt32 {
        guard bytes.count - position >= 4,
              let bytes = Hex.decode(String(decoding: bytes[position..<position + 4], as: UTF8.self))
        else { throw failure("invalid \\u escape") }
        position += 4
        return UInt32(bytes[0]) << 8 | UInt32(bytes[1])
    }
}
