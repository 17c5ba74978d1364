import Foundation
import Testing

/// A file truncated by another process while artefact hashes it is rejected with exit 1 and
/// a message naming the file: never a SIGBUS death, whether the bytes are read through
/// mapped windows (the default) or with pread, on one thread or read ahead on a spare core
/// (`--jobs 2` for one file). The truncation comes from the
/// `ARTEFACT_TEST_TRUNCATE_AT` hook, so it lands at a known point of the read.
@Suite struct TruncatedWhileHashingTests {
    static let fileSize = 24 << 20

    /// (bytes hashed before the cut, size cut to): to nothing at the start; inside the
    /// window being read (mid-page); at a later window, already mapped ahead.
    static let cuts: [(Int, Int)] = [(0, 0), (4 << 20, (5 << 20) + 100), (4 << 20, 16 << 20)]

    private func model(in scratch: Scratch) throws -> String {
        var generator = SplitMix64(seed: 11)
        var data = Data(count: Self.fileSize)
        data.withUnsafeMutableBytes { raw in
            for index in raw.bindMemory(to: UInt64.self).indices { raw.bindMemory(to: UInt64.self)[index] = generator.next() }
        }
        try scratch.write("model/weights.bin", data)
        return scratch.path("model")
    }

    /// (ARTEFACT_READ_MODE, --jobs)
    static let ways: [(String, String)] = [("mmap", "1"), ("pread", "1"), ("mmap", "2"), ("pread", "2")]

    @Test(arguments: ways, cuts)
    func hashRejectsAFileCutWhileItIsRead(_ way: (String, String), _ cut: (Int, Int)) throws {
        let scratch = try Scratch()
        let model = try model(in: scratch)
        let mode = way.0
        let result = try CLI.run(["hash", model, "--jobs", way.1, "--quiet"],
                                 environment: ["ARTEFACT_READ_MODE": mode, "ARTEFACT_TEST_TRUNCATE_AT": "hash:\(cut.0):\(cut.1)"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.errorLine.contains("weights.bin changed while it was being hashed"), "\(result.stderr)")
    }

    @Test(arguments: ["mmap", "pread"])
    func verifyRejectsAFileCutWhileItIsRead(_ mode: String) throws {
        let scratch = try Scratch()
        let model = try model(in: scratch)
        let keys = try KeyPair.generate(in: scratch)
        let signed = try CLI.run(["sign", model, "--key", keys.privateKey, "--quiet"], environment: KeyPair.environment)
        #expect(signed.status == 0, "\(signed.stderr)")
        let result = try CLI.run(["verify", model, "--key", keys.publicKey, "--quiet"],
                                 environment: ["ARTEFACT_READ_MODE": mode, "ARTEFACT_TEST_TRUNCATE_AT": "hash:\(8 << 20):\(12 << 20)"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.errorLine.contains("weights.bin changed while it was being hashed"), "\(result.stderr)")
    }
}
