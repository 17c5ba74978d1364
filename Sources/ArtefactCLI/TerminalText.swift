/// Human-readable output whose literal parts are ours and whose interpolated values are
/// data (model names, versions, paths, link targets, reasons, audit entries), which may
/// come from a hostile bundle, store or server. Every value is escaped as it is
/// interpolated, so it cannot move the cursor, clear the screen, retitle the terminal,
/// start a new line that looks like ours, or reorder what is shown with bidi controls.
/// `Console` takes only this type, which makes the escaping the one path to the terminal.
struct TerminalText: ExpressibleByStringInterpolation, Sendable {
    private(set) var text: String

    init(stringLiteral value: String) { text = value }

    init(stringInterpolation: Interpolation) { text = stringInterpolation.text }

    /// Text that is ours in full (help, fixed notices): written as it is.
    static func verbatim(_ text: String) -> TerminalText { TerminalText(stringLiteral: text) }

    var isEmpty: Bool { text.isEmpty }

    static func += (lhs: inout TerminalText, rhs: TerminalText) { lhs.text += rhs.text }

    static func + (lhs: TerminalText, rhs: TerminalText) -> TerminalText { TerminalText(stringLiteral: lhs.text + rhs.text) }

    struct Interpolation: StringInterpolationProtocol {
        var text = ""

        init(literalCapacity: Int, interpolationCount: Int) { text.reserveCapacity(literalCapacity + 16 * interpolationCount) }

        mutating func appendLiteral(_ literal: String) { text += literal }

        mutating func appendInterpolation(_ value: some CustomStringConvertible) { text += TerminalText.escape(value.description) }

        mutating func appendInterpolation(_ value: String) { text += TerminalText.escape(value) }

        /// Already-built output (a line made by another function): kept as it is.
        mutating func appendInterpolation(_ value: TerminalText) { text += value.text }
    }

    /// `text` with every C0 control (newline and tab included), DEL, C1 control and bidi
    /// control written as a visible escape: `\x1B`, `\u{202E}`.
    static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var escaped = ""
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                escaped += scalar.value < 0x100 ? "\\x" + hex(scalar.value, width: 2) : "\\u{" + hex(scalar.value, width: 4) + "}"
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// C0, DEL and C1 controls; the bidi embeddings, overrides and isolates (U+202A-202E,
    /// U+2066-2069), the directional marks (U+200E, U+200F) and the Arabic letter mark (U+061C).
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        default: return false
        }
    }

    /// JSON (as `JSONWriter` writes it, with C0 controls already escaped) with DEL, C1 and
    /// bidi controls written as `\uXXXX` too, which is the same JSON to any parser.
    static func escapeJSON(_ json: String) -> String {
        // Its layout newlines are the only C0 characters left, and they must stay.
        let needsEscape = { (scalar: Unicode.Scalar) in scalar.value >= 0x20 && TerminalText.needsEscape(scalar) }
        guard json.unicodeScalars.contains(where: needsEscape) else { return json }
        var escaped = ""
        for scalar in json.unicodeScalars {
            if needsEscape(scalar) { escaped += "\\u" + hex(scalar.value, width: 4).lowercased() } else { escaped.unicodeScalars.append(scalar) }
        }
        return escaped
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
