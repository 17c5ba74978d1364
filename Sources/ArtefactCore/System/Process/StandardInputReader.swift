import Glibc

/// Reads the process's standard input to its end: a pipe, a file or a terminal, for
/// `--key -`. Standard input is not ours to close.
public enum StandardInputReader {
    /// Every byte up to end of file; bad input when more than `limit` bytes arrive.
    public static func readAll(limit: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        // Room for the whole limit up front, so growing never leaves copies of a key behind.
        bytes.reserveCapacity(limit)
        var chunk = [UInt8](repeating: 0, count: 16 << 10)
        defer { wipe(&chunk) }
        while true {
            let count = chunk.withUnsafeMutableBytes { raw in
                retryingOnInterrupt { Glibc.read(StandardStream.input.rawValue, raw.baseAddress!, raw.count) }
            }
            if count < 0 {
                wipe(&bytes)
                throw ArtefactError.operational("cannot read standard input: \(String(cString: strerror(errno)))")
            }
            if count == 0 { return bytes }
            guard bytes.count + count <= limit else {
                wipe(&bytes)
                throw ArtefactError.badInput("standard input holds more than \(limit) bytes, too many for a key")
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }
}
