/// A small text key file cut into lines (`\n`, with a `\r` before it dropped), each a view
/// into the caller's bytes: no copy is made of a line that may hold a secret.
struct KeyFileLines {
    let lines: [ArraySlice<UInt8>]

    init(_ bytes: [UInt8]) {
        lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            line.last == UInt8(ascii: "\r") ? line.dropLast() : line
        }
    }

    /// Whether some line is exactly `text`.
    func contains(_ text: String) -> Bool {
        let wanted = Array(text.utf8)
        return lines.contains { $0.elementsEqual(wanted) }
    }

    /// The first non-blank line at or after `index`, and where it is.
    func first(after index: Int) -> (line: ArraySlice<UInt8>, index: Int)? {
        var position = index
        while position < lines.count {
            if !Self.isBlank(lines[position]) { return (lines[position], position) }
            position += 1
        }
        return nil
    }

    /// Whether every line from `index` on is blank.
    func onlyBlank(from index: Int) -> Bool {
        index >= lines.count || lines[index...].allSatisfy(Self.isBlank)
    }

    static func isBlank(_ line: ArraySlice<UInt8>) -> Bool {
        line.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }
}
