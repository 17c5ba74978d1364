/// A value (a path from a bundle or a store) fitted into a number of terminal columns: its
/// beginning, `…`, and as much of its end as fits, since the end of a path (the file name)
/// says most. It works on whole characters, each escaped as `TerminalText` escapes it, so
/// it never splits a multi-byte character, a combining sequence or an escape like `\x1B`.
enum MiddleEllipsis {
    static let ellipsis = "\u{2026}"

    /// `value`, escaped, in at most `columns` columns.
    static func fit(_ value: String, columns: Int) -> String {
        let units = value.map { character -> (text: String, columns: Int) in
            let escaped = TerminalText.escape(String(character))
            return (escaped, escaped == String(character) ? DisplayWidth.columns(of: character) : escaped.count)
        }
        let total = units.reduce(0) { $0 + $1.columns }
        guard total > columns else { return units.map(\.text).joined() }
        guard columns > 0 else { return "" }
        // A third of the room for the beginning, the rest for the end; what a wide
        // character at the cut leaves of the end's share goes to the beginning.
        var tailRoom = columns - 1 - (columns - 1) / 3
        var tail: [String] = []
        for unit in units.reversed() {
            guard unit.columns <= tailRoom else { break }
            tail.append(unit.text)
            tailRoom -= unit.columns
        }
        var headRoom = (columns - 1) / 3 + tailRoom
        var head = ""
        for unit in units {
            guard unit.columns <= headRoom else { break }
            head += unit.text
            headRoom -= unit.columns
        }
        return head + ellipsis + tail.reversed().joined()
    }
}

/// How many columns a character takes on a terminal: two for the East Asian wide and
/// full-width ranges and for emoji, one otherwise. It errs wide, so a line measured with
/// it never runs past the width it was fitted to.
enum DisplayWidth {
    static func columns(of text: String) -> Int { text.reduce(0) { $0 + columns(of: $1) } }

    /// The longest beginning of `text` (already escaped) in at most `columns` columns.
    static func prefix(_ text: String, columns: Int) -> String {
        var room = columns
        var kept = ""
        for character in text {
            let width = Self.columns(of: character)
            guard width <= room else { break }
            kept.append(character)
            room -= width
        }
        return kept
    }

    static func columns(of character: Character) -> Int {
        character.unicodeScalars.contains(where: isWide) ? 2 : 1
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F3, 0x25FD...0x25FE,
             0x2614...0x2615, 0x2648...0x2653, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x2705, 0x270A...0x270B,
             0x2728, 0x274C, 0x2753...0x2755, 0x2757, 0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
             0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F000...0x1FAFF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
