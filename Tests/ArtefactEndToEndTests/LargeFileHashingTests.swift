import Foundation
import Testing

/// Large files are read through several mapped windows; with a spare core, a helper thread
/// prefetches the next window's page tables while the worker hashes. Digests must equal
/// sha256sum's whichever way the bytes were read.
@Suite struct LargeFileHashingTests {
    /// 24 MiB of deterministic bytes: six 4 MiB windows, above the 16 MiB (four-window)
    /// prefetch threshold. With `tail`, a second file of just over two windows.
    private func largeModel(in scratch: Scratch, tail: Bool = true) throws -> String {
        var generator = SplitMix64(seed: 7)
        var data = Data(count: 24 << 20)
        data.withUnsafeMutableBytes { raw in
            let words = raw.bindMemory(to: UInt64.self)
            for index in words.indices { words[index] = generator.next() }
        }
        try scratch.write("big/weights.bin", data)
        if tail { try scratch.write("big/tail.bin", Data(repeating: 7, count: (8 << 20) + 3)) }
        return scratch.path("big")
    }

    /// Jobs 1: no prefetch; 2: one worker per file; 4: each of the two workers prefetches.
    /// `pread` is the copying read that mapped windows replaced.
    @Test(arguments: ["1", "2", "4"], ["mmap", "pread"])
    func digestsMatchSha256sumWhateverTheJobCount(_ jobs: String, _ mode: String) throws {
        let scratch = try Scratch()
        let model = try largeModel(in: scratch)
        let ours = try CLI.run(["hash", model, "--jobs", jobs, "--quiet"], environment: ["ARTEFACT_READ_MODE": mode])
        #expect(ours.status == 0, "\(ours.stderr)")
        let theirs = try CLI.runTool("sha256sum", ["tail.bin", "weights.bin"], directory: URL(fileURLWithPath: model))
        let expected = theirs.stdout.split(separator: "\n").map(String.init)
        let lines = ours.stdout.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
        #expect(lines == expected)
    }

    /// One file and two jobs: the only configuration where every item has a spare core.
    @Test func signAndVerifyAgreeOnThePrefetchingPath() throws {
        let scratch = try Scratch()
        let model = try largeModel(in: scratch, tail: false)
        let keys = try KeyPair.generate(in: scratch)
        let signed = try CLI.run(["sign", model, "--key", keys.privateKey, "--jobs", "2", "--quiet"], environment: KeyPair.environment)
        #expect(signed.status == 0, "\(signed.stderr)")
        let verified = try CLI.run(["verify", model, "--key", keys.publicKey, "--jobs", "2", "--quiet"])
        #expect(verified.status == 0, "\(verified.stderr)")
        // One flipped byte deep in the big file is caught on the same path.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: "\(model)/weights.bin"))
        try handle.seek(toOffset: 20 << 20)
        let byte = try handle.read(upToCount: 1)![0]
        try handle.seek(toOffset: 20 << 20)
        try handle.write(contentsOf: Data([byte ^ 0x01]))
        try handle.close()
        let rejected = try CLI.run(["verify", model, "--key", keys.publicKey, "--jobs", "2", "--quiet"])
        #expect(rejected.status == 1)
        #expect(rejected.errorLine.contains("integrity") && rejected.errorLine.contains("weights.bin"), "\(rejected.stderr)")
    }
}
