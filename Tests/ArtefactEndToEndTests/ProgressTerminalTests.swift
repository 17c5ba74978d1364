import Foundation
import Testing

/// Progress on stderr through a real pseudo-terminal (`script -qfec`): a percentage, the
/// total, the rate, the time left and the current file on a terminal; plain lines without
/// escape sequences when TERM=dumb; nothing on a pipe or with --quiet; a line per file with
/// --verbose. ARTEFACT_TEST_PAUSE_AT slows the work past the reporter's first second.
@Suite struct ProgressTerminalTests {
    /// A model of six 1 MiB files, hashed one chunk per file on one job.
    private func sixFileModel(_ scratch: Scratch) throws -> String {
        try FileManager.default.createDirectory(atPath: scratch.path("model"), withIntermediateDirectories: true)
        for index in 1...6 { try writeRandomFile(scratch.path("model/part-\(index).bin"), count: 1 << 20, seed: UInt64(index)) }
        return scratch.path("model")
    }

    /// Runs `artefact ARGUMENTS` under `script`, whose output is what the terminal showed.
    private func onTerminal(_ arguments: [String], term: String, environment: [String: String] = [:]) throws -> CLIResult {
        try runOnTerminal(arguments, term: term, environment: environment)
    }

    @Test func aTerminalShowsPercentBytesRateETAAndTheFile() throws {
        let scratch = try Scratch()
        let model = try sixFileModel(scratch)
        let shown = try onTerminal(["hash", model, "--jobs", "1"], term: "xterm", environment: ["ARTEFACT_TEST_PAUSE_AT": "hash:400"])
        #expect(shown.status == 0, "\(shown.stdout) \(shown.stderr)")
        #expect(shown.stdout.contains("hashing "), "\(shown.stdout)")
        #expect(shown.stdout.range(of: #"\d+% [0-9.]+ (B|KiB|MiB) of 6.0 MiB, [0-9.]+ (B|KiB|MiB)/s, ETA \d+:\d\d, part-\d\.bin"#,
                                   options: .regularExpression) != nil, "\(shown.stdout)")
        #expect(shown.stdout.contains("\u{1B}[K"), "a capable terminal gets its line redrawn in place")
    }

    @Test func aDumbTerminalGetsPlainLinesWithoutEscapes() throws {
        let scratch = try Scratch()
        let model = try sixFileModel(scratch)
        let shown = try onTerminal(["hash", model, "--jobs", "1"], term: "dumb", environment: ["ARTEFACT_TEST_PAUSE_AT": "hash:500"])
        #expect(shown.status == 0, "\(shown.stdout) \(shown.stderr)")
        #expect(shown.stdout.range(of: #"hashing \d+% .*part-\d\.bin\r?\n"#, options: .regularExpression) != nil, "\(shown.stdout)")
        #expect(!shown.stdout.contains("\u{1B}"), "escape sequences on a dumb terminal: \(shown.stdout.debugDescription)")
    }

    @Test func quietSilencesTheTerminal() throws {
        let scratch = try Scratch()
        let model = try sixFileModel(scratch)
        let shown = try onTerminal(["hash", model, "--jobs", "1", "--quiet"], term: "xterm", environment: ["ARTEFACT_TEST_PAUSE_AT": "hash:300"])
        #expect(shown.status == 0)
        #expect(!shown.stdout.contains("%"), "\(shown.stdout)")
        #expect(!shown.stdout.contains("\u{1B}"), "\(shown.stdout.debugDescription)")
    }

    @Test func aPipeGetsNoProgressButVerboseListsEveryFile() throws {
        let scratch = try Scratch()
        let model = try sixFileModel(scratch)
        let piped = try CLI.run(["hash", model, "--jobs", "1"], environment: ["ARTEFACT_TEST_PAUSE_AT": "hash:300"])
        #expect(piped.status == 0)
        #expect(piped.stderr.isEmpty, "progress on a pipe: \(piped.stderr)")
        let verbose = try CLI.run(["hash", model, "--jobs", "1", "--verbose"])
        #expect(verbose.status == 0)
        let lines = verbose.stderr.split(separator: "\n").map(String.init).sorted()
        #expect(lines == (1...6).map { "hashing part-\($0).bin: done" }, "\(verbose.stderr)")
    }

    @Test func aTransferIntoAStoreShowsProgressWithTheFileBeingCopied() throws {
        let world = try StoreFixture()
        let model = try world.signedModel("model", name: "big", version: "1.0.0", weightBytes: 12 << 20)
        let store = try world.makeStore("store")
        let shown = try onTerminal(["transfer", model, store, "--jobs", "1"], term: "xterm",
                                   environment: KeyPair.environment.merging(["ARTEFACT_TEST_PAUSE_AT": "copy:500"]) { _, new in new })
        #expect(shown.status == 0, "\(shown.stdout) \(shown.stderr)")
        #expect(shown.stdout.range(of: #"transferring \d+% [0-9.]+ (B|KiB|MiB) of 12\.\d MiB, [0-9.]+ (B|KiB|MiB)/s, ETA \d+:\d\d, [^\r\n\x{1B}]+"#,
                                   options: .regularExpression) != nil, "\(shown.stdout)")
        #expect(try world.labels(store) == ["big@1.0.0"])
    }
}
