import Foundation
import Testing

/// Progress on a pseudo-terminal for every transfer endpoint and for the verbs that verify
/// in place: an export, a registry push and pull, an S3 push and pull, `store verify` and
/// `verify s3://`. Each shows a percentage, the bytes done of the total, the rate, the time
/// left and the current file on a terminal, plain lines with TERM=dumb, and nothing on a
/// pipe or with --quiet (`expectProgressOnlyOnATerminal`). A push counts bytes as they
/// stream, so one large file moves the line. ARTEFACT_TEST_PAUSE_AT slows each run to a
/// few seconds, a pause per MiB whatever the chunk sizes.
@Suite struct ProgressEndpointTests {
    private static let weightBytes = 12 << 20
    private static let total = #"12\.\d MiB"#

    /// The percentages the lines show.
    private func percentages(_ lines: [String]) -> [Int] {
        lines.compactMap { line in line.split(separator: " ").dropFirst().first.flatMap { Int($0.dropLast()) } }
    }

    /// A line part-way through one file: with progress counted a file at a time, the
    /// 12 MiB file would take the line from a few percent to all but done in one step.
    private func expectMovesWithinTheLargeFile(_ lines: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(percentages(lines).contains { (20...90).contains($0) }, "no line within the large file: \(lines)",
                sourceLocation: sourceLocation)
    }

    private func pause(_ point: String) -> [String: String] { ["ARTEFACT_TEST_PAUSE_AT": "\(point):200:1048576"] }

    @Test func anExportShowsProgress() throws {
        let world = try StoreFixture()
        let model = try world.signedModel("model", name: "big", version: "1.0.0", weightBytes: Self.weightBytes)
        let store = try world.makeStore("store")
        try world.transferAccepted(model, store)
        try expectProgressOnlyOnATerminal(label: "transferring", total: Self.total) { display in
            (["transfer", store, world.path("export-\(display)"), "--model", "big@1.0.0", "--jobs", "1"], pause("copy"))
        }
        #expect(FileManager.default.fileExists(atPath: world.path("export-pipe/weights/model.safetensors")))
    }

    @Test func aRegistryPushAndPullShowProgressAndThePushMovesWithinALayer() throws {
        let fixture = try RegistryFixture()
        let (_, source) = try fixture.storedModel { model in
            try writeRandomFile("\(model)/weights/model.safetensors", count: Self.weightBytes, seed: 11)
        }
        // Each push goes to a repository of its own, which holds none of the blobs yet.
        let pushed = try expectProgressOnlyOnATerminal(label: "transferring", total: Self.total) { display in
            (["transfer", source, fixture.registry.reference("ml/push-\("\(display)".lowercased())"), "--model", "resnet@1.0.0"] + fixture.tlsArguments,
             pause("send"))
        }
        expectMovesWithinTheLargeFile(pushed)
        // A layer shows as its file's path (its title), not its digest.
        #expect(pushed.contains { $0.hasSuffix("tensors") }, "\(pushed)")
        try expectProgressOnlyOnATerminal(label: "transferring", total: Self.total) { display in
            let store = try fixture.world.makeStore("pulled-\(display)")
            return (["transfer", fixture.registry.reference("ml/push-pipe", tag: "1.0.0"), store] + fixture.tlsArguments, pause("copy"))
        }
        #expect(try fixture.world.labels(fixture.path("pulled-terminal")) == ["resnet@1.0.0"])
    }

    @Test func anS3PushAndPullShowProgressAndThePushMovesWithinAnObject() throws {
        let fixture = try S3Fixture()
        let (_, source) = try fixture.storedModel(weightBytes: Self.weightBytes)
        // Each push goes to a prefix of its own; one PUT carries the 12 MiB file.
        let pushed = try expectProgressOnlyOnATerminal(label: "transferring", total: Self.total) { display in
            (["transfer", source, fixture.server.location("push-\(display)/resnet"), "--model", "resnet@1.0.0"],
             fixture.server.environment.merging(pause("send")) { _, new in new })
        }
        expectMovesWithinTheLargeFile(pushed)
        #expect(pushed.contains { $0.hasSuffix("tensors") }, "\(pushed)")
        try expectProgressOnlyOnATerminal(label: "transferring", total: Self.total) { display in
            let store = try fixture.world.makeStore("pulled-\(display)")
            return (["transfer", fixture.server.location("push-pipe/resnet"), store],
                    fixture.server.environment.merging(pause("copy")) { _, new in new })
        }
        #expect(try fixture.world.labels(fixture.path("pulled-terminal")) == ["resnet@1.0.0"])
    }

    @Test func aMultipartS3PushMovesWithinTheFile() throws {
        let fixture = try S3Fixture()
        let (_, source) = try fixture.storedModel(weightBytes: Self.weightBytes)
        let environment = fixture.server.environment.merging(S3Fixture.multipart) { _, new in new }.merging(pause("send")) { _, new in new }
        let shown = try runOnTerminal(["transfer", source, fixture.server.location(S3Fixture.prefix), "--model", "resnet@1.0.0",
                                       "--jobs", "1"], term: "xterm", environment: environment)
        #expect(shown.status == 0, "\(shown.stdout)")
        expectMovesWithinTheLargeFile(progressLines(shown.stdout, label: "transferring"))
    }

    @Test func storeVerifyShowsProgress() throws {
        let world = try StoreFixture()
        let model = try world.signedModel("model", name: "big", version: "1.0.0", weightBytes: Self.weightBytes)
        let store = try world.makeStore("store")
        try world.transferAccepted(model, store)
        // Blobs are named by their digest, which the line shortens in the middle.
        try expectProgressOnlyOnATerminal(label: "verifying", total: Self.total, file: #"[0-9a-f]+…[0-9a-f]+"#) { _ in
            (["store", "verify", store, "--jobs", "1"], pause("hash"))
        }
    }

    @Test func verifyingAnS3PrefixShowsProgress() throws {
        let fixture = try S3Fixture()
        let (_, source) = try fixture.storedModel(weightBytes: Self.weightBytes)
        try fixture.pushAccepted(source, "resnet@1.0.0")
        try expectProgressOnlyOnATerminal(label: "verifying", total: Self.total) { _ in
            (["verify", fixture.server.location(S3Fixture.prefix), "--key", fixture.world.signer.publicKey, "--jobs", "1"],
             fixture.server.environment.merging(pause("hash")) { _, new in new })
        }
    }

    @Test func aLongFileNameIsShortenedToTheTerminalWidth() throws {
        let scratch = try Scratch()
        let deep = "checkpoints/run-2026-12-03/epoch-0042/shards/\u{6A21}\u{578B}-model-00001-of-00004.safetensors"
        try FileManager.default.createDirectory(atPath: scratch.path("model/checkpoints/run-2026-12-03/epoch-0042/shards"),
                                                withIntermediateDirectories: true)
        try writeRandomFile(scratch.path("model/\(deep)"), count: 6 << 20, seed: 3)
        for (columns, widest) in [("", 79), ("70", 69)] {
            let shown = try runOnTerminal(["hash", scratch.path("model"), "--jobs", "1"], term: "xterm",
                                          environment: ["COLUMNS": columns, "ARTEFACT_TEST_PAUSE_AT": "hash:300:1048576"])
            #expect(shown.status == 0)
            let lines = progressLines(shown.stdout, label: "hashing")
            #expect(!lines.isEmpty, "\(shown.stdout)")
            // The CJK characters take two columns each.
            let width = { (line: String) in line.count + line.unicodeScalars.filter { (0x4E00...0x9FFF).contains($0.value) }.count }
            #expect(lines.allSatisfy { width($0) <= widest }, "COLUMNS=\(columns): \(lines)")
            #expect(lines.allSatisfy { $0.contains("…") && $0.hasSuffix("tensors") }, "the end of the path is kept: \(lines)")
        }
    }
}
