import ArtefactCore
import Foundation
import Glibc
import Testing

/// `FileReader` hands over exactly the requested bytes in every way it reads (mapped
/// windows, pread, and read ahead on a helper thread), and a file truncated by someone else
/// while it is read fails the read with `.shorter`: never SIGBUS, which would end this test
/// process.
@Suite struct FileReaderTests {
    /// The ways a reader reads: its mode, and whether it reads ahead (`prefetching`).
    enum Way: CaseIterable, Sendable {
        case mapped, copied, readAhead

        func reader(chunkSize: Int) -> FileReader {
            switch self {
            case .mapped: FileReader(chunkSize: chunkSize, mode: .mapped)
            case .copied: FileReader(chunkSize: chunkSize, mode: .copied)
            case .readAhead: FileReader(chunkSize: chunkSize, mode: .mapped, prefetching: true)
            }
        }
    }

    /// 16 pages plus a tail, so reads cross several 4-page windows and end mid-page.
    static let fileSize = 16 * 4096 + 123
    static let chunkSize = 4 * 4096

    private final class TestFile {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("file-reader-\(UUID().uuidString)").path
        let bytes: [UInt8]

        init(size: Int = FileReaderTests.fileSize) throws {
            var generator = SystemRandomNumberGenerator()
            bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }

        deinit { unlink(path) }

        func open() throws -> FileDescriptor { try FileDescriptor.open(path, O_RDONLY) }

        /// `ftruncate(2)` through a descriptor of its own, as another process would.
        func truncate(to size: Int) {
            let other = Glibc.open(path, O_WRONLY)
            precondition(other >= 0 && ftruncate(other, off_t(size)) == 0)
            Glibc.close(other)
        }

        func append(_ count: Int) {
            let other = Glibc.open(path, O_WRONLY | O_APPEND)
            let extra = [UInt8](repeating: 9, count: count)
            precondition(other >= 0 && Glibc.write(other, extra, count) == count)
            Glibc.close(other)
        }
    }

    /// Reads `length` bytes from `offset`, calling `during(chunkIndex)` before each chunk's
    /// bytes are touched, and returns what was handed over.
    private func read(_ file: TestFile, way: Way, from offset: Int64, length: Int64,
                      during: (Int) -> Void = { _ in }) throws -> [UInt8] {
        let reader = way.reader(chunkSize: Self.chunkSize)
        let descriptor = try file.open()
        var seen: [UInt8] = []
        var chunkIndex = 0
        try reader.read(descriptor, from: offset, length: length) { chunk in
            #expect(chunk.count <= Self.chunkSize)
            during(chunkIndex)
            chunkIndex += 1
            seen += chunk  // touches every byte, as a hash would
        }
        return seen
    }

    static let ranges: [(Int64, Int64)] = [
        (0, Int64(fileSize)), (5, 3 * 4096), (4096 * 3 + 7, Int64(fileSize) - 4096 * 3 - 7), (100, 0),
    ]
    /// (the chunk during which the file is cut, the size it is cut to)
    static let cuts: [(Int, Int)] = [(0, 0), (0, 4096 + 10), (1, 3 * 4096), (1, 9 * 4096 + 5)]

    @Test(arguments: Way.allCases, ranges)
    func handsOverExactlyTheRange(_ way: Way, _ range: (Int64, Int64)) throws {
        let file = try TestFile()
        let seen = try read(file, way: way, from: range.0, length: range.1)
        #expect(seen == Array(file.bytes[Int(range.0)..<Int(range.0 + range.1)]))
    }

    /// Truncations while a read is under way: to nothing in the first window, inside the
    /// window being read (mid-page), and at a later window, before it is mapped.
    @Test(arguments: Way.allCases, cuts)
    func aFileTruncatedWhileItIsReadIsShorter(_ way: Way, _ cut: (Int, Int)) throws {
        let file = try TestFile()
        var shorter = false
        do {
            _ = try read(file, way: way, from: 0, length: Int64(Self.fileSize)) { chunk in
                if chunk == cut.0 { file.truncate(to: cut.1) }
            }
        } catch FileReadFailure.shorter {
            shorter = true
        }
        #expect(shorter)
    }

    /// Past the truncation, a mapped window holds zero pages, not the old bytes: the
    /// reader must not trust them, whatever the caller does with them meanwhile.
    @Test func aMappedWindowCutUnderTheReaderStillRejects() throws {
        let file = try TestFile()
        let reader = FileReader(chunkSize: Self.chunkSize, mode: .mapped)
        let descriptor = try file.open()
        var sawZerosAfterTheCut = false
        var shorter = false
        do {
            try reader.read(descriptor, from: 0, length: Int64(Self.fileSize)) { chunk in
                file.truncate(to: 100)
                sawZerosAfterTheCut = chunk[2 * 4096..<3 * 4096].allSatisfy { $0 == 0 }
            }
        } catch FileReadFailure.shorter {
            shorter = true
        }
        #expect(sawZerosAfterTheCut && shorter)
    }

    /// A file that grows while it is read still hands over exactly the range asked for;
    /// whether growth matters is the caller's call (the hasher rejects it).
    @Test(arguments: Way.allCases)
    func aFileThatGrowsHandsOverTheRangeAskedFor(_ way: Way) throws {
        let file = try TestFile()
        let seen = try read(file, way: way, from: 0, length: Int64(Self.fileSize)) { chunk in
            if chunk == 1 { file.append(5000) }
        }
        #expect(seen == file.bytes)
    }

    /// A /proc file cannot be mapped (ENODEV): the mapped reader falls back to `pread`.
    @Test func aFileThatCannotBeMappedIsReadWithPread() throws {
        let expected = Array(try Data(contentsOf: URL(fileURLWithPath: "/proc/version")).prefix(16))
        let descriptor = try FileDescriptor.open("/proc/version", O_RDONLY)
        var seen: [UInt8] = []
        try FileReader(chunkSize: Self.chunkSize, mode: .mapped).read(descriptor, from: 0, length: 16) { seen += $0 }
        #expect(seen == expected)
    }

    /// Reading ahead, the helper has read the last chunks before the caller sees them: a
    /// cut made while the caller handles the last chunk shows only in the file's size,
    /// which the reader checks at the end.
    @Test func readingAheadACutDuringTheLastChunkIsShorter() throws {
        let file = try TestFile()
        let slots = (Self.fileSize + Self.chunkSize / 2 - 1) / (Self.chunkSize / 2)
        var shorter = false
        do {
            _ = try read(file, way: .readAhead, from: 0, length: Int64(Self.fileSize)) { chunk in
                if chunk == slots - 1 { file.truncate(to: 4096) }
            }
        } catch FileReadFailure.shorter {
            shorter = true
        }
        #expect(shorter)
    }

    private struct Stop: Error {}

    /// A caller that throws mid-read stops the helper thread: the error comes back, and the
    /// same reader then reads the whole file again, through the same ring.
    @Test func readingAheadACallerThatThrowsStopsTheHelper() throws {
        let file = try TestFile()
        let reader = Way.readAhead.reader(chunkSize: Self.chunkSize)
        let descriptor = try file.open()
        var stopped = false
        do {
            try reader.read(descriptor, from: 0, length: Int64(Self.fileSize)) { _ in throw Stop() }
        } catch is Stop {
            stopped = true
        }
        var seen: [UInt8] = []
        try reader.read(descriptor, from: 0, length: Int64(Self.fileSize)) { seen += $0 }
        #expect(stopped && seen == file.bytes)
    }
}
