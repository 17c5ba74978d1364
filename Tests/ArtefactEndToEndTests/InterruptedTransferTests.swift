import Foundation
import Glibc
import Testing

/// A real SIGINT or SIGTERM to a transfer in progress (slowed by ARTEFACT_TEST_PAUSE_AT so
/// the signal lands mid-copy): exit 130 or 143, "interrupted" and what a rerun does on
/// stderr, nothing published, staging kept, the attempt logged as `interrupted`, and a
/// rerun that resumes, completes and verifies.
@Suite struct InterruptedTransferTests {
    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalStopsTheTransferCleanlyAndARerunResumes(signal: Int32) throws {
        let world = try StoreFixture()
        let model = try world.signedModel("model", name: "big", version: "1.0.0", weightBytes: 12 << 20)
        let store = try world.makeStore("store")
        let index = try world.indexBytes(store)
        let run = try world.start(["transfer", model, store, "--jobs", "1"], environment: ["ARTEFACT_TEST_PAUSE_AT": "copy:700"])
        // The largest file goes first: once its partial in staging holds bytes, the copy is
        // under way (and pausing after that first chunk).
        #expect(poll(upTo: 60) { Self.partialBytes(world, store) > 0 || !run.isRunning })
        _ = Glibc.kill(run.process.processIdentifier, signal)
        let ending = run.wait()

        #expect(ending.reason == .exit && ending.status == 128 + signal, "\(ending.reason) \(ending.status): \(ending.stderr)")
        #expect(ending.stdout.isEmpty)
        #expect(ending.stderr.contains("artefact: interrupted by \(signal == SIGINT ? "SIGINT" : "SIGTERM")"), "\(ending.stderr)")
        #expect(ending.stderr.contains("staging kept; rerun the same command to resume"), "\(ending.stderr)")
        #expect(try world.labels(store).isEmpty)
        #expect(try world.indexBytes(store) == index)
        #expect(world.stagingNames(store).contains { $0.hasSuffix(".part") }, "staging: \(world.stagingNames(store))")
        let last = try #require(try world.auditEntries(store).last)
        #expect(last["result"] as? String == "interrupted", "\(last)")
        #expect(last["action"] as? String == "transfer-in", "\(last)")

        let outcome = try world.transferAccepted(model, store, ["--jobs", "1"])
        #expect(try #require(integer(outcome["bytesReused"])) > 0, "the rerun did not resume: \(outcome)")
        #expect(try world.labels(store) == ["big@1.0.0"])
        let (status, report) = try world.verifyStore(store)
        #expect(status == 0 && report["clean"] as? Bool == true, "\(report)")
        #expect(world.stagingNames(store).isEmpty, "staging left: \(world.stagingNames(store))")
        expectAccepted(try world.run(["audit", "verify", store]))
    }

    private static func partialBytes(_ world: StoreFixture, _ store: String) -> Int64 {
        world.stagingNames(store).filter { $0.hasSuffix(".part") }.compactMap {
            (try? FileManager.default.attributesOfItem(atPath: "\(store)/artefact/staging/\($0)"))?[.size] as? Int64
        }.max() ?? 0
    }

    @Test func aSignalStopsHashingWithExit130AndNothingWritten() throws {
        let world = try StoreFixture()
        let model = try world.scratch.makeModel("model", weightBytes: 12 << 20)
        let run = try world.start(["hash", model, "--jobs", "1"], environment: ["ARTEFACT_TEST_PAUSE_AT": "hash:1000"])
        // Well after start-up, well before the seven paused chunks are through.
        usleep(2_000_000)
        _ = Glibc.kill(run.process.processIdentifier, SIGINT)
        let ending = run.wait()
        #expect(ending.reason == .exit && ending.status == 130, "\(ending.reason) \(ending.status): \(ending.stderr)")
        #expect(ending.stdout.isEmpty)
        #expect(ending.stderr.contains("artefact: interrupted by SIGINT; nothing was written; rerun the same command to start again"),
                "\(ending.stderr)")
    }
}
