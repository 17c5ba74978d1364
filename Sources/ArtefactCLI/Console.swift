import ArtefactCore
import Glibc

/// Where the command line writes: stdout for results, stderr for messages and progress.
/// Writes go straight to the descriptors with `write(2)`. Human text arrives as
/// `TerminalText`, whose interpolated values are already escaped; JSON has its control and
/// bidi characters written as `\u` escapes.
enum Console {
    static func out(_ text: TerminalText) {
        write(1, text.text)
    }

    static func error(_ text: TerminalText) {
        write(2, text.text)
    }

    static func outJSON(_ value: JSONValue) {
        write(1, TerminalText.escapeJSON(JSONWriter.prettyString(value)))
    }

    static var standardErrorIsTerminal: Bool { isatty(2) == 1 }
    static var standardInputIsTerminal: Bool { isatty(0) == 1 }

    private static func write(_ descriptor: Int32, _ text: String) {
        writeBytes(descriptor, Array(text.utf8))
    }

    private static func writeBytes(_ descriptor: Int32, _ bytes: [UInt8]) {
        (descriptor == 1 ? StandardStream.output : StandardStream.error).write(bytes)
    }
}
