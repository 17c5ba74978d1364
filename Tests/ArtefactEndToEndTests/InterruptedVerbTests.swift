import Foundation
import Glibc
import Testing

/// A real SIGINT or SIGTERM to a registry push, an S3 push, `sign`, `verify` and `store
/// verify` in progress (slowed by ARTEFACT_TEST_PAUSE_AT, a pause per MiB): exit 130 or
/// 143, one "interrupted" line that says truthfully what a rerun does, nothing half
/// written (no tag, no model.sig, no report), the resume state kept in the source store's
/// staging, the attempt in its crossing log, and a push rerun that resumes.
@Suite struct InterruptedVerbTests {
    private static let weightBytes = 12 << 20

    private func signalName(_ signal: Int32) -> String { signal == SIGINT ? "SIGINT" : "SIGTERM" }

    /// Sends `signal` to `run` once `ready` holds (and `settle` seconds more), and collects its end.
    private func interrupt(_ run: BackgroundRun, with signal: Int32, settle: UInt32 = 0,
                           when ready: () -> Bool = { true }) -> BackgroundRun.Ending {
        #expect(poll(upTo: 60) { ready() || !run.isRunning }, "the run never reached the point to interrupt")
        if settle > 0 { usleep(settle * 1_000) }
        _ = Glibc.kill(run.process.processIdentifier, signal)
        return run.wait()
    }

    private func expectInterrupted(_ ending: BackgroundRun.Ending, by signal: Int32, saying rerun: String,
                                   sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(ending.reason == .exit && ending.status == 128 + signal, "\(ending.reason) \(ending.status): \(ending.stderr)",
                sourceLocation: sourceLocation)
        #expect(ending.stdout.isEmpty, "stdout: \(ending.stdout)", sourceLocation: sourceLocation)
        #expect(ending.stderr == "artefact: interrupted by \(signalName(signal)); \(rerun)\n", "\(ending.stderr)",
                sourceLocation: sourceLocation)
    }

    private func expectInterruptedCrossingLogged(_ world: StoreFixture, _ store: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let last = try #require(try world.auditEntries(store).last, sourceLocation: sourceLocation)
        #expect(last["action"] as? String == "transfer-out", "\(last)", sourceLocation: sourceLocation)
        #expect(last["result"] as? String == "interrupted", "\(last)", sourceLocation: sourceLocation)
        expectAccepted(try world.run(["audit", "verify", store]), sourceLocation: sourceLocation)
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func aRegistryPushStopsUntaggedAndARerunResumes(signal: Int32) throws {
        let fixture = try RegistryFixture()
        let world = fixture.world
        let (_, source) = try fixture.storedModel { model in
            try writeRandomFile("\(model)/weights/model.safetensors", count: Self.weightBytes, seed: 5)
        }
        let run = try world.start(["transfer", source, fixture.registry.reference("ml/resnet"), "--model", "resnet@1.0.0"]
                                  + fixture.tlsArguments, environment: ["ARTEFACT_TEST_PAUSE_AT": "send:300:1048576"])
        // An upload under way leaves its URL in staging; a second on puts the run inside the
        // 12 MiB layer, a MiB every 0.3 s.
        let ending = interrupt(run, with: signal, settle: 1000) { world.stagingNames(source).contains { $0.hasPrefix("upload-") } }

        expectInterrupted(ending, by: signal, saying: "nothing was tagged; the blobs already uploaded are kept; rerun the same command to resume")
        #expect(try fixture.registry.manifestDigest("ml/resnet", tag: "1.0.0") == nil, "a tag was written")
        #expect(world.stagingNames(source).contains { $0.hasPrefix("upload-") && $0.hasSuffix(".url") },
                "the unfinished upload's URL is gone: \(world.stagingNames(source))")
        try expectInterruptedCrossingLogged(world, source)

        let rerun = try fixture.pushAccepted(source, "resnet@1.0.0")
        #expect(try #require(integer(rerun["filesReused"])) > 0, "the rerun uploaded every blob again: \(rerun)")
        #expect(try fixture.registry.manifestDigest("ml/resnet", tag: "1.0.0") != nil)
        #expect(!world.stagingNames(source).contains { $0.hasPrefix("upload-") }, "\(world.stagingNames(source))")
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func anS3PushStopsWithoutItsBundleAndARerunResumesItsParts(signal: Int32) throws {
        let fixture = try S3Fixture()
        let world = fixture.world
        let (_, source) = try fixture.storedModel(weightBytes: Self.weightBytes)
        let environment = fixture.server.environment.merging(S3Fixture.multipart) { _, new in new }
        let run = try world.start(["transfer", source, fixture.server.location(S3Fixture.prefix), "--model", "resnet@1.0.0", "--jobs", "1"],
                                  environment: environment.merging(["ARTEFACT_TEST_PAUSE_AT": "send:300:1048576"]) { _, new in new })
        // The record's header line is written as the upload starts, then a line per part
        // sent; the second 5 MiB part takes 1.5 s to send.
        let ending = interrupt(run, with: signal, settle: 300) {
            world.stagingNames(source).filter { $0.hasPrefix("s3-upload-") }.contains { name in
                let record = (try? String(contentsOfFile: "\(source)/artefact/staging/\(name)", encoding: .utf8)) ?? ""
                return record.split(separator: "\n").count >= 2
            }
        }

        expectInterrupted(ending, by: signal,
                          saying: "no model.sig was written; the objects and parts already uploaded are kept; rerun the same command to resume")
        #expect(try fixture.server.objects(under: S3Fixture.prefix + "/")["\(S3Fixture.prefix)/model.sig"] == nil, "the bundle went up")
        #expect(try fixture.server.head("\(S3Fixture.prefix)/weights/model.safetensors") == nil, "the large object was completed")
        #expect(world.stagingNames(source).contains { $0.hasPrefix("s3-upload-") }, "the upload record is gone: \(world.stagingNames(source))")
        try expectInterruptedCrossingLogged(world, source)

        let rerun = try fixture.pushAccepted(source, "resnet@1.0.0", environment: S3Fixture.multipart)
        #expect(try #require(integer(rerun["bytesReused"])) >= S3Fixture.partSize, "the rerun sent every part again: \(rerun)")
        #expect(try fixture.server.objects(under: S3Fixture.prefix + "/")["\(S3Fixture.prefix)/model.sig"] != nil)
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func signStopsWithoutABundle(signal: Int32) throws {
        let world = try StoreFixture()
        let model = try world.scratch.makeModel("model", weightBytes: Self.weightBytes)
        let before = try FileManager.default.subpathsOfDirectory(atPath: model).sorted()
        // An unencrypted key: no key derivation before the work starts and signals are caught.
        let keygen = try world.run(["keygen", "--out", world.path("plain"), "--unencrypted"])
        try #require(keygen.status == 0, "\(keygen.stderr)")
        let run = try world.start(["sign", model, "--key", world.path("plain.key"), "--name", "big", "--jobs", "1"],
                                  environment: ["ARTEFACT_TEST_PAUSE_AT": "hash:300:1048576"])
        let ending = interrupt(run, with: signal, settle: 1500)
        expectInterrupted(ending, by: signal, saying: "nothing was written; rerun the same command to start again")
        #expect(try FileManager.default.subpathsOfDirectory(atPath: model).sorted() == before, "sign left something in the model")
    }

    @Test func verifyStopsWithoutAReport() throws {
        let world = try StoreFixture()
        let model = try world.signedModel("model", name: "big", version: "1.0.0", weightBytes: Self.weightBytes)
        let run = try world.start(["verify", model, "--key", world.signer.publicKey, "--jobs", "1", "--json"],
                                  environment: ["ARTEFACT_TEST_PAUSE_AT": "hash:300:1048576"])
        let ending = interrupt(run, with: SIGTERM, settle: 1500)
        #expect(ending.reason == .exit && ending.status == 143, "\(ending.status): \(ending.stderr)")
        #expect(ending.stderr == "artefact: interrupted by SIGTERM; nothing was written; rerun the same command to start again\n",
                "\(ending.stderr)")
        // With --json, the operational error document, never a verification report.
        let document = try jsonObject(ending.stdout)
        #expect(document["ok"] as? Bool == false)
        #expect(document["verified"] == nil, "\(document)")
        #expect((document["error"] as? [String: Any])?["kind"] as? String == "operational", "\(document)")
    }

    @Test func storeVerifyStopsAndChangesNothing() throws {
        let world = try StoreFixture()
        let model = try world.signedModel("model", name: "big", version: "1.0.0", weightBytes: Self.weightBytes)
        let store = try world.makeStore("store")
        try world.transferAccepted(model, store)
        let index = try world.indexBytes(store)
        let entries = try world.auditEntries(store).count
        let run = try world.start(["store", "verify", store, "--jobs", "1"], environment: ["ARTEFACT_TEST_PAUSE_AT": "hash:300:1048576"])
        let ending = interrupt(run, with: SIGINT, settle: 1500)
        expectInterrupted(ending, by: SIGINT, saying: "nothing was written; rerun the same command to start again")
        #expect(try world.indexBytes(store) == index)
        #expect(try world.auditEntries(store).count == entries)
        #expect(world.stagingNames(store).isEmpty, "\(world.stagingNames(store))")
    }
}
