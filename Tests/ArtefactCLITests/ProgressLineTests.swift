@testable import ArtefactCLI
import ArtefactCore
import Testing

/// The progress line fits the terminal: the current file is shortened in the middle,
/// keeping the end of its path, whole characters only, escapes whole; the line never
/// reaches the terminal's last column; the width comes from COLUMNS, then the terminal,
/// then 80.
@Suite struct ProgressLineTests {
    private static let longPath = "checkpoints/run-2026-12-03/epoch-0042/shards/model-00001-of-00004.safetensors"

    /// Splits a shortened value at its ellipsis into what comes before and after.
    private func halves(_ shortened: String) throws -> (head: String, tail: String) {
        let parts = shortened.split(separator: MiddleEllipsis.ellipsis, omittingEmptySubsequences: false).map(String.init)
        try #require(parts.count == 2, "no single ellipsis in \(shortened.debugDescription)")
        return (parts[0], parts[1])
    }

    @Test func aValueThatFitsIsLeftWhole() {
        #expect(MiddleEllipsis.fit("weights/model.safetensors", columns: 25) == "weights/model.safetensors")
        #expect(MiddleEllipsis.fit("weights/model.safetensors", columns: 200) == "weights/model.safetensors")
    }

    @Test(arguments: [2, 9, 20, 33, 48, 60])
    func aLongPathKeepsItsBeginningAndMostOfItsEnd(columns: Int) throws {
        let shortened = MiddleEllipsis.fit(Self.longPath, columns: columns)
        #expect(DisplayWidth.columns(of: shortened) == columns, "\(shortened)")
        let (head, tail) = try halves(shortened)
        #expect(Self.longPath.hasPrefix(head))
        #expect(Self.longPath.hasSuffix(tail))
        #expect(tail.count >= head.count, "the end of the path is what says most: \(shortened)")
        if columns == 48 { #expect(shortened == "checkpoints/run\u{2026}model-00001-of-00004.safetensors", "CLI.md's example") }
        if columns >= 33 { #expect(shortened.hasSuffix("model-00001-of-00004.safetensors") || tail.count >= 20) }
    }

    @Test(arguments: [5, 6, 7, 8, 11, 16])
    func multiByteAndWideCharactersAreNeverSplit(columns: Int) throws {
        // é as one scalar, e + U+0301 as two, CJK (two columns each), an emoji with a modifier.
        let path = "mod\u{E9}les/e\u{301}t\u{E9}/\u{6A21}\u{578B}\u{6587}\u{4EF6}/\u{1F44D}\u{1F3FD}-\u{6743}\u{91CD}.bin"
        let shortened = MiddleEllipsis.fit(path, columns: columns)
        #expect(DisplayWidth.columns(of: shortened) <= columns, "\(shortened)")
        let (head, tail) = try halves(shortened)
        // Whole characters: the halves are a prefix and a suffix character for character
        // (an e cut from its accent, or half a scalar, would not be).
        #expect(Array(path).starts(with: Array(head)), "\(head.debugDescription)")
        #expect(Array(path).reversed().starts(with: Array(tail).reversed()), "\(tail.debugDescription)")
        #expect(Array(head.utf8) == Array(path.utf8.prefix(head.utf8.count)))
        #expect(Array(tail.utf8) == Array(path.utf8.suffix(tail.utf8.count)))
    }

    @Test func wideCharactersCountTwoColumns() {
        #expect(DisplayWidth.columns(of: "\u{6A21}\u{578B}") == 4)
        #expect(DisplayWidth.columns(of: "e\u{301}t\u{E9}") == 3)
        #expect(MiddleEllipsis.fit("\u{6A21}\u{578B}\u{6587}\u{4EF6}\u{6743}\u{91CD}", columns: 6).count == 3)
    }

    @Test func controlCharactersAreEscapedAndTheirEscapesKeptWhole() throws {
        let path = String(repeating: "a", count: 30) + "\u{1B}[2J\u{202E}" + String(repeating: "b", count: 30)
        for columns in 10...70 {
            let shortened = MiddleEllipsis.fit(path, columns: columns)
            #expect(!shortened.unicodeScalars.contains { TerminalText.needsEscape($0) }, "\(shortened.debugDescription)")
            #expect(shortened.count <= columns)
            // Never a cut escape: a backslash is followed by a whole \x1B or \u{202E}.
            for match in shortened.matches(of: #/\\/#) {
                let rest = shortened[match.range.lowerBound...]
                #expect(rest.hasPrefix("\\x1B") || rest.hasPrefix("\\u{202E}"), "\(shortened)")
            }
        }
        #expect(MiddleEllipsis.fit(path, columns: 200) == TerminalText.escape(path))
    }

    @Test(arguments: [1, 10, 30, 50, 79, 80, 81, 120, 300])
    func theLineNeverReachesTheLastColumn(columns: Int) {
        for file in [nil, "config.json", Self.longPath, String(repeating: "\u{6A21}", count: 100)] {
            let line = ProgressLine(label: "transferring", done: 1_234_567_890, total: 9_876_543_210, elapsed: 12.5, file: file)
                .text(columns: columns).text
            #expect(DisplayWidth.columns(of: line) <= max(1, columns - 1), "\(columns): \(line)")
            #expect(!line.contains("\n"))
        }
    }

    @Test func aWideTerminalShowsEverythingAndANarrowOneTheFiguresFirst() {
        let line = { (columns: Int) in
            ProgressLine(label: "transferring", done: 512 << 20, total: 1 << 30, elapsed: 4, file: Self.longPath).text(columns: columns).text
        }
        #expect(line(200) == "transferring 50% 512.0 MiB of 1.0 GiB, 128.0 MiB/s, ETA 0:04, \(Self.longPath)")
        #expect(line(80) == "transferring 50% 512.0 MiB of 1.0 GiB, 128.0 MiB/s, ETA 0:04, check\u{2026}safetensors")
        #expect(line(70) == "transferring 50% 512.0 MiB of 1.0 GiB, 128.0 MiB/s, ETA 0:04")
        #expect(line(30) == "transferring 50% 512.0 MiB of")
    }

    @Test func theWidthComesFromColumnsThenTheTerminalThen80() {
        let style = { (environment: [String: String], columns: Int?) in
            let context = CommandContext(output: CapturedOutput(), environment: CommandEnvironment(environment),
                                         standardErrorIsTerminal: true, standardErrorColumns: columns)
            return CommandContext.$current.withValue(context) { ProgressStyle.current(ProgressOptions()).columns }
        }
        #expect(style(["COLUMNS": "132"], 100) == 132)
        #expect(style([:], 100) == 100)
        #expect(style([:], nil) == 80)
        #expect(style(["COLUMNS": "0"], nil) == 80)
        #expect(style(["COLUMNS": "wide"], 90) == 90)
    }
}
