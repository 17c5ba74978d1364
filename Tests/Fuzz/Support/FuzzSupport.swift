import Glibc

/// What every harness needs from libFuzzer's raw input, and how it reports a broken
/// invariant. Compiled into each harness beside the harness file itself.
enum Fuzz {
    /// The input as an array; libFuzzer may hand over a null pointer for an empty input.
    static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// The input cut at newlines into at most `limit` pieces, the last one keeping the rest.
    static func lines(_ bytes: [UInt8], limit: Int) -> [[UInt8]] {
        bytes.split(separator: UInt8(ascii: "\n"), maxSplits: limit - 1, omittingEmptySubsequences: false).map(Array.init)
    }

    /// Stops the run when an invariant fails. libFuzzer records the trap as a crash and
    /// keeps the input, and the message says which invariant it was.
    static func require(_ condition: Bool, _ message: @autoclosure () -> String, line: UInt = #line) {
        guard !condition else { return }
        let text = "fuzz invariant failed (line \(line)): \(message())\n"
        _ = text.withCString { write(2, $0, strlen($0)) }
        fatalError("fuzz invariant failed", line: line)
    }

    /// A printable rendering of bytes for invariant messages.
    static func show(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.prefix(200), as: UTF8.self).debugDescription
    }
}
