/// A strict, bounded reader for the XML documents S3 servers answer with: an optional
/// `<?xml ...?>` prolog, comments and processing instructions around and inside the root,
/// elements with attributes (read past, values unused), character data with the five
/// predefined entities and `&#N;` / `&#xN;` references, and CDATA sections.
///
/// What a general XML parser would also do is refused rather than half done: a DOCTYPE or
/// any other `<!` declaration (so no entity can be defined, and none expanded), a reference
/// to an undefined entity, characters XML forbids, text that is not UTF-8, mismatched or
/// unclosed tags, and anything after the root element. The whole document, the nesting
/// depth and the number of elements are bounded by `XMLLimits`; the reader keeps its own
/// stack, so a deep document cannot exhaust the thread's stack either. Every refusal is an
/// operational error naming the server, which sent the bytes.
struct XMLReader {
    private let bytes: [UInt8]
    private let server: String
    private let limits: XMLLimits
    private var position = 0
    private var elementCount = 0

    private static let endTagOpen = Array("</".utf8)
    private static let cdataOpen = Array("<![CDATA[".utf8)
    private static let commentOpen = Array("<!--".utf8)
    private static let instructionOpen = Array("<?".utf8)
    private static let declarationOpen = Array("<!".utf8)
    private static let emptyTagClose = Array("/>".utf8)
    private static let doctypeOpen = Array("<!DOCTYPE".utf8)
    private static let cdataClose = Array("]]>".utf8)
    private static let commentClose = Array("-->".utf8)
    private static let instructionClose = Array("?>".utf8)

    /// The root element of `bytes`, a document `server` sent.
    static func parse(_ bytes: [UInt8], from server: String, limits: XMLLimits = XMLLimits()) throws -> XMLElement {
        var reader = XMLReader(bytes: bytes, server: server, limits: limits)
        return try reader.document()
    }

    private init(bytes: [UInt8], server: String, limits: XMLLimits) {
        self.bytes = bytes
        self.server = server
        self.limits = limits
    }

    /// An element being read: its name as written (to match its end tag), the element so
    /// far, and its text as bytes until it closes.
    private struct OpenElement {
        let qualifiedName: [UInt8]
        var element: XMLElement
        var text: [UInt8] = []
    }

    private mutating func document() throws -> XMLElement {
        guard bytes.count <= limits.bytes else { throw refusal("the document is larger than \(limits.bytes) bytes") }
        if starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        try skipMiscellany()
        guard position < bytes.count else { throw refusal("there is no root element") }
        guard bytes[position] == UInt8(ascii: "<") else { throw refusal("text before the root element") }
        var stack: [OpenElement] = []
        var root: XMLElement?
        switch try startTag(depth: 1) {
        case .empty(let element): root = element
        case .open(let open): stack.append(open)
        }
        while root == nil {
            guard position < bytes.count else { throw refusal("the document ends inside <\(stack.last!.element.name)>") }
            let byte = bytes[position]
            if byte == UInt8(ascii: "&") {
                stack[stack.count - 1].text.append(contentsOf: try reference())
            } else if byte != UInt8(ascii: "<") {
                guard Self.isCharacter(byte) else { throw refusal("a control character in text") }
                stack[stack.count - 1].text.append(byte)
                position += 1
            } else if starts(with: Self.endTagOpen) {
                let finished = try endTag(closing: stack.removeLast())
                if stack.isEmpty { root = finished } else { stack[stack.count - 1].element.children.append(finished) }
            } else if starts(with: Self.cdataOpen) {
                stack[stack.count - 1].text.append(contentsOf: try cdata())
            } else if starts(with: Self.commentOpen) || starts(with: Self.instructionOpen) {
                try skipCommentOrInstruction()
            } else if starts(with: Self.declarationOpen) {
                throw refusal("a declaration (<!...) inside the document")
            } else {
                switch try startTag(depth: stack.count + 1) {
                case .empty(let element): stack[stack.count - 1].element.children.append(element)
                case .open(let open): stack.append(open)
                }
            }
        }
        try skipMiscellany()
        guard position == bytes.count else { throw refusal("content after the root element") }
        return root!
    }

    // MARK: Tags

    /// What a start tag was: a whole empty element (`<a/>`) or one left open.
    private enum StartTag {
        case empty(XMLElement)
        case open(OpenElement)
    }

    private mutating func startTag(depth: Int) throws -> StartTag {
        position += 1
        let qualified = try name()
        elementCount += 1
        guard elementCount <= limits.elements else { throw refusal("more than \(limits.elements) elements") }
        guard depth <= limits.depth else { throw refusal("elements nested more than \(limits.depth) deep") }
        let element = XMLElement(name: Self.localName(qualified))
        while true {
            let spaced = skipWhitespace()
            guard position < bytes.count else { throw refusal("the document ends inside a tag") }
            if starts(with: Self.emptyTagClose) {
                position += 2
                return .empty(element)
            }
            if bytes[position] == UInt8(ascii: ">") {
                position += 1
                return .open(OpenElement(qualifiedName: qualified, element: element))
            }
            guard spaced else { throw refusal("a malformed tag <\(element.name)>") }
            try attribute()
        }
    }

    /// Reads `name="value"` (or single quotes) and drops it, checking the value's syntax.
    private mutating func attribute() throws {
        _ = try name()
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else { throw refusal("an attribute without a value") }
        position += 1
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") else {
            throw refusal("an attribute value without quotes")
        }
        let quote = bytes[position]
        position += 1
        while true {
            guard position < bytes.count else { throw refusal("the document ends inside an attribute value") }
            let byte = bytes[position]
            if byte == quote { break }
            if byte == UInt8(ascii: "&") {
                _ = try reference()
            } else {
                guard byte != UInt8(ascii: "<"), Self.isCharacter(byte) else { throw refusal("a forbidden character in an attribute value") }
                position += 1
            }
        }
        position += 1
    }

    private mutating func endTag(closing open: OpenElement) throws -> XMLElement {
        position += 2
        let qualified = try name()
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ">") else { throw refusal("a malformed end tag") }
        position += 1
        guard qualified == open.qualifiedName else {
            throw refusal("</\(Self.localName(qualified))> closes <\(open.element.name)>")
        }
        var element = open.element
        guard let text = String(validating: open.text, as: UTF8.self) else { throw refusal("text in <\(element.name)> is not UTF-8") }
        element.text = text
        return element
    }

    private mutating func name() throws -> [UInt8] {
        let start = position
        while position < bytes.count, Self.isNameByte(bytes[position], first: position == start) { position += 1 }
        guard position > start else { throw refusal("a tag without a name") }
        let qualified = Array(bytes[start..<position])
        // The local part after a namespace prefix must be a name on its own.
        if let colon = qualified.lastIndex(of: UInt8(ascii: ":")) {
            guard colon + 1 < qualified.count, Self.isNameByte(qualified[colon + 1], first: true) else {
                throw refusal("a tag name without a usable local part")
            }
        }
        return qualified
    }

    // MARK: Text

    /// `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` `&#N;` `&#xN;`, as UTF-8; nothing else.
    private mutating func reference() throws -> [UInt8] {
        guard let end = bytes[position...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
            throw refusal("an & that starts no reference")
        }
        let body = String(decoding: bytes[(position + 1)..<end], as: UTF8.self)
        position = end + 1
        switch body {
        case "lt": return [UInt8(ascii: "<")]
        case "gt": return [UInt8(ascii: ">")]
        case "amp": return [UInt8(ascii: "&")]
        case "quot": return [UInt8(ascii: "\"")]
        case "apos": return [UInt8(ascii: "'")]
        default: break
        }
        var value: UInt32?
        if body.hasPrefix("#x"), body.count > 2, body.count <= 8 {
            value = UInt32(body.dropFirst(2), radix: 16)
        } else if body.hasPrefix("#"), body.count > 1, body.count <= 8, body.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) {
            value = UInt32(body.dropFirst())
        } else {
            throw refusal("an unknown entity &\(body.prefix(10));")
        }
        guard let value, body.dropFirst(body.hasPrefix("#x") ? 2 : 1).allSatisfy({ $0.isHexDigit }), Self.isCharacter(value),
              let scalar = Unicode.Scalar(value) else {
            throw refusal("a reference to a character XML does not allow (&\(body.prefix(10));)")
        }
        return Array(String(Character(scalar)).utf8)
    }

    private mutating func cdata() throws -> [UInt8] {
        position += "<![CDATA[".utf8.count
        guard let end = find(Self.cdataClose) else { throw refusal("an unterminated CDATA section") }
        let content = Array(bytes[position..<end])
        guard content.allSatisfy(Self.isCharacter) else { throw refusal("a control character in a CDATA section") }
        position = end + 3
        return content
    }

    // MARK: Around the root

    /// Whitespace, comments and processing instructions (the prolog among them).
    private mutating func skipMiscellany() throws {
        while true {
            skipWhitespace()
            if starts(with: Self.commentOpen) || starts(with: Self.instructionOpen) {
                try skipCommentOrInstruction()
            } else if starts(with: Self.declarationOpen) {
                throw refusal(starts(with: Self.doctypeOpen) ? "a DOCTYPE declaration" : "a declaration (<!...)")
            } else {
                return
            }
        }
    }

    private mutating func skipCommentOrInstruction() throws {
        let comment = starts(with: Self.commentOpen)
        guard let end = find(comment ? Self.commentClose : Self.instructionClose) else {
            throw refusal(comment ? "an unterminated comment" : "an unterminated processing instruction")
        }
        position = end + (comment ? 3 : 2)
    }

    @discardableResult
    private mutating func skipWhitespace() -> Bool {
        let start = position
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        return position > start
    }

    // MARK: Bytes

    private func starts(with prefix: [UInt8]) -> Bool {
        bytes.count - position >= prefix.count && bytes[position..<(position + prefix.count)].elementsEqual(prefix)
    }

    /// Where `needle` next occurs from the current position.
    private func find(_ needle: [UInt8]) -> Int? {
        guard bytes.count - position >= needle.count else { return nil }
        var index = position
        while index <= bytes.count - needle.count {
            if bytes[index] == needle[0], bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    private static func localName(_ qualified: [UInt8]) -> String {
        let local = qualified.lastIndex(of: UInt8(ascii: ":")).map { qualified[($0 + 1)...] } ?? qualified[...]
        return String(decoding: local, as: UTF8.self)
    }

    private static func isNameByte(_ byte: UInt8, first: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"), UInt8(ascii: ":"), 0x80...0xFF:
            return true
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."):
            return !first
        default:
            return false
        }
    }

    /// A byte XML allows in text (multi-byte UTF-8 is checked when the text is decoded).
    private static func isCharacter(_ byte: UInt8) -> Bool { byte >= 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// XML 1.0's `Char` production.
    private static func isCharacter(_ value: UInt32) -> Bool {
        value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value)
            || (0x10000...0x10FFFF).contains(value)
    }

    private func refusal(_ reason: String) -> ArtefactError {
        .operational("\(server) answered with XML artefact refuses: \(reason) (at byte \(position))")
    }
}
