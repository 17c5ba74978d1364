/// An AWS shared credentials or config file: INI sections (`[name]`), `key = value` lines,
/// and comment lines starting with `#` or `;`. Keys are compared without regard to case,
/// as the AWS tools do; values are taken verbatim (no inline comments). A line indented
/// deeper than the key above it (the config file's nested `s3 =` settings) belongs to that
/// key and is skipped, as Python's configparser, which the AWS CLI uses, reads it. A key given twice in one section is refused: two tools would disagree on
/// which one counts. Values are kept as byte ranges into the file, so a secret can go
/// into `SecretBytes` without ever becoming a `String`.
struct AWSConfigFile {
    /// Each section's keys (lowercased) and where their values lie in the file's bytes.
    let sections: [String: [String: Range<Int>]]

    init(parsing bytes: [UInt8], path: String) throws {
        var sections: [String: [String: Range<Int>]] = [:]
        var current: String?
        var keyIndent: Int?
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            lineNumber += 1
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            defer { start = end + 1 }
            let line = Self.trimmed(start..<end, in: bytes)
            guard !line.isEmpty, bytes[line.lowerBound] != UInt8(ascii: "#"), bytes[line.lowerBound] != UInt8(ascii: ";") else { continue }
            if bytes[line.lowerBound] == UInt8(ascii: "[") {
                guard bytes[line.upperBound - 1] == UInt8(ascii: "]"), line.count > 2 else {
                    throw ArtefactError.badInput("line \(lineNumber) of \(path) is not a [section] header")
                }
                let name = Self.trimmed((line.lowerBound + 1)..<(line.upperBound - 1), in: bytes)
                current = String(decoding: bytes[name], as: UTF8.self)
                if sections[current!] == nil { sections[current!] = [:] }
                keyIndent = nil
                continue
            }
            // A nested setting under the key above it (`s3 =` then `  addressing_style = path`).
            let indent = line.lowerBound - start
            if let keyIndent, indent > keyIndent { continue }
            guard let section = current else { throw ArtefactError.badInput("line \(lineNumber) of \(path) comes before any [section]") }
            guard let equals = bytes[line].firstIndex(of: UInt8(ascii: "=")) else {
                throw ArtefactError.badInput("line \(lineNumber) of \(path) is not key = value")
            }
            let key = String(decoding: bytes[Self.trimmed(line.lowerBound..<equals, in: bytes)], as: UTF8.self).lowercased()
            guard !key.isEmpty else { throw ArtefactError.badInput("line \(lineNumber) of \(path) has no key before =") }
            guard sections[section]![key] == nil else {
                throw ArtefactError.badInput("\(path) sets \(key) twice in [\(section)] (line \(lineNumber)); keep one")
            }
            keyIndent = indent
            sections[section]![key] = Self.trimmed((equals + 1)..<line.upperBound, in: bytes)
        }
        self.sections = sections
    }

    /// The text of `key` in `section`; nil when absent or empty.
    func value(_ key: String, in section: String, of bytes: [UInt8]) -> String? {
        guard let range = sections[section]?[key], !range.isEmpty else { return nil }
        return String(decoding: bytes[range], as: UTF8.self)
    }

    /// The range without spaces, tabs and carriage returns at either end.
    private static func trimmed(_ range: Range<Int>, in bytes: [UInt8]) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        while lower < upper, blank(bytes[lower]) { lower += 1 }
        while upper > lower, blank(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }
}
