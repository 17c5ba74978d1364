import Foundation
import Testing

/// Transfers to and from a registry that are cut short: a push whose connection a proxy
/// cuts in the middle of a 150 MiB upload (uploads go in 64 MiB chunks), and a pull killed
/// or cut mid-file. The rerun completes without sending again what already arrived.
///
/// The pushes go through `CuttingProxy`, which also drops the one reconnection the client
/// makes at once (a kept-alive connection may simply have gone stale), so the first run
/// fails every time and the rerun starts from the state the cut left behind.
@Suite struct RegistryResumeTests {
    static let largeBytes = 150 << 20
    static let chunkBytes = 64 << 20
    static let largeFile = "weights/shard-00001.bin"

    /// A source store holding `big@1.0.0`: the small model files, which sort (and upload)
    /// before `largeFile`, and `largeFile` itself.
    private func prepareLarge() throws -> (fixture: RegistryFixture, source: String) {
        let fixture = try RegistryFixture()
        let (_, source) = try fixture.storedModel(name: "big") { model in
            try writeLargeFile("\(model)/\(Self.largeFile)", size: Self.largeBytes, seed: 7)
        }
        return (fixture, source)
    }

    /// The first push through `proxy`: cut, so it must fail with exit 3 and publish no tag.
    private func expectCutPush(_ fixture: RegistryFixture, _ source: String, via proxy: CuttingProxy,
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try fixture.push(source, "big@1.0.0", to: "ml/big", via: proxy.reference("ml/big"))
        expectOperationalFailure(result, mentioning: [proxy.address], sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
        // An upload chunk is never resent blindly on a new connection: the push fails, and
        // the rerun asks the registry where the upload stands.
        #expect(try fixture.registry.manifestDigest("ml/big", tag: "1.0.0") == nil, sourceLocation: sourceLocation)
        // Where the unfinished upload stands is kept in the source store's staging area.
        #expect(fixture.world.stagingNames(source).contains { $0.hasPrefix("upload-") }, "staging: \(fixture.world.stagingNames(source))",
                sourceLocation: sourceLocation)
    }

    /// What every successful rerun leaves: no upload state, and the large blob whole.
    private func expectCompletedPush(_ fixture: RegistryFixture, _ source: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(!fixture.world.stagingNames(source).contains { $0.hasPrefix("upload-") }, "staging: \(fixture.world.stagingNames(source))",
                sourceLocation: sourceLocation)
        let large = try #require(try fixture.registry.layerDigests("ml/big", tag: "1.0.0")[Self.largeFile], sourceLocation: sourceLocation)
        let summed = try CLI.runTool("sha256sum", [fixture.registry.blobDataPath(large)])
        #expect(summed.stdout.hasPrefix(large + " "), "the registry holds other bytes: \(summed.stdout)", sourceLocation: sourceLocation)
    }

    @Test func aConnectionCutMidChunkFailsAndTheRerunSkipsTheBlobsAlreadyUploaded() throws {
        let (fixture, source) = try prepareLarge()
        // 100 MB is past the first 64 MiB chunk of the large file, in the middle of the second.
        let proxy = try CuttingProxy(to: fixture.registry.port, cutAfter: 100_000_000, in: fixture.world.scratch)
        try expectCutPush(fixture, source, via: proxy)
        #expect(proxy.events.first == "cut after 100000000 bytes", "proxy: \(proxy.events)")
        let uploaded = fixture.registry.storedBlobs
        #expect(uploaded.count >= 5, "blobs before the cut: \(uploaded)")

        // The rerun goes through the same proxy, which now relays.
        let rerun = try fixture.pushAccepted(source, "big@1.0.0", to: "ml/big", via: proxy.reference("ml/big"))
        // Every blob finished before the cut is skipped, not sent again.
        #expect(integer(rerun["filesReused"]) == Int64(uploaded.count), "outcome: \(rerun)")
        // The large blob was sent whole or resumed; distribution 2.8 cancels an upload that
        // holds bytes past its last acknowledged chunk, so after a cut mid-chunk it is sent again.
        let sent = try #require(integer(rerun["bytesCopied"]))
        let resumed = try #require(integer(rerun["bytesReused"]))
        #expect(sent + resumed >= Int64(Self.largeBytes))
        try expectCompletedPush(fixture, source)
    }

    @Test func aConnectionCutBetweenChunksResumesTheUploadWhereTheRegistryStopped() throws {
        let (fixture, source) = try prepareLarge()
        // Past 32 MiB the proxy waits for the registry to acknowledge the first chunk, then
        // cuts as the second one starts.
        let proxy = try CuttingProxy(to: fixture.registry.port, cutAfter: 32 << 20, atNextRequest: true,
                                     in: fixture.world.scratch)
        try expectCutPush(fixture, source, via: proxy)
        #expect(proxy.events.first?.hasSuffix("bytes, before the next request") == true, "proxy: \(proxy.events)")
        let uploaded = fixture.registry.storedBlobs

        let rerun = try fixture.pushAccepted(source, "big@1.0.0", to: "ml/big", via: proxy.reference("ml/big"))
        #expect(integer(rerun["filesReused"]) == Int64(uploaded.count), "outcome: \(rerun)")
        // The registry kept the first chunk: the upload went on from there.
        #expect(integer(rerun["bytesReused"]) == Int64(Self.chunkBytes), "outcome: \(rerun)")
        let sent = try #require(integer(rerun["bytesCopied"]))
        #expect(sent >= Int64(Self.largeBytes - Self.chunkBytes))
        #expect(sent < Int64(Self.largeBytes), "the resumed upload sent the whole file again")
        try expectCompletedPush(fixture, source)
    }

    /// A registry holding `resnet@1.0.0` with an 8 MiB weights file, and an empty store.
    private func prepareForPull() throws -> (fixture: RegistryFixture, model: String, destination: String, index: Data) {
        let fixture = try RegistryFixture()
        let (model, source) = try fixture.storedModel { model in
            try writeLargeFile("\(model)/weights/model.safetensors", size: 8 << 20, seed: 11)
        }
        try fixture.pushAccepted(source, "resnet@1.0.0")
        let destination = try fixture.world.makeStore("destination")
        return (fixture, model, destination, try fixture.world.indexBytes(destination))
    }

    /// After an interrupted pull: nothing published, one partial file in staging; its size.
    private func expectPartialPull(_ fixture: RegistryFixture, _ destination: String, index: Data,
                                   sourceLocation: SourceLocation = #_sourceLocation) throws -> Int64 {
        let world = fixture.world
        #expect(try world.labels(destination).isEmpty, sourceLocation: sourceLocation)
        #expect(try world.indexBytes(destination) == index, sourceLocation: sourceLocation)
        let partials = world.stagingNames(destination).filter { $0.hasSuffix(".part") }
        try #require(partials.count == 1, "staging: \(world.stagingNames(destination))", sourceLocation: sourceLocation)
        return try #require(integer(try FileManager.default.attributesOfItem(atPath: "\(destination)/artefact/staging/\(partials[0])")[.size]),
                            sourceLocation: sourceLocation)
    }

    /// The rerun of an interrupted pull: it fetched only the rest of the partial file (a
    /// ranged GET), and the store holds the model whole.
    private func expectResumedPull(_ outcome: [String: Any], partialSize: Int64, _ fixture: RegistryFixture, model: String,
                                   destination: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let world = fixture.world
        let reused = try #require(integer(outcome["bytesReused"]), sourceLocation: sourceLocation)
        let copied = try #require(integer(outcome["bytesCopied"]), sourceLocation: sourceLocation)
        #expect(reused >= partialSize, "outcome: \(outcome)", sourceLocation: sourceLocation)
        #expect(try copied + reused == world.signedBytes(of: model), sourceLocation: sourceLocation)
        #expect(try world.labels(destination) == ["resnet@1.0.0"], sourceLocation: sourceLocation)
        let (status, report) = try world.verifyStore(destination)
        #expect(status == 0, "store verify: \(report)", sourceLocation: sourceLocation)
        #expect(report["clean"] as? Bool == true, sourceLocation: sourceLocation)
        #expect(world.stagingNames(destination).isEmpty, "staging left: \(world.stagingNames(destination))", sourceLocation: sourceLocation)
        try fixture.expectExportMatches(destination, "resnet@1.0.0", original: model, sourceLocation: sourceLocation)
    }

    @Test func aPullKilledMidFileResumesFromThePartial() throws {
        let (fixture, model, destination, index) = try prepareForPull()
        let run = try fixture.world.start(["transfer", fixture.registry.reference("ml/resnet", tag: "1.0.0"), destination]
                                          + fixture.tlsArguments, environment: ["ARTEFACT_TEST_KILL_AT": "copy:\(3 << 20)"])
        let ending = run.wait()
        try #require(ending.wasKilled, "the pull was not killed: \(ending.reason) \(ending.status) \(ending.stderr)")
        let partialSize = try expectPartialPull(fixture, destination, index: index)
        #expect(partialSize >= 3 << 20 && partialSize < 8 << 20)

        let outcome = try fixture.pullAccepted(into: destination)
        try expectResumedPull(outcome, partialSize: partialSize, fixture, model: model, destination: destination)
    }

    @Test func aPullWhoseConnectionIsCutMidFileFailsAndTheRerunResumes() throws {
        let (fixture, model, destination, index) = try prepareForPull()
        // 3 MiB from the registry: past the manifests and the bundle, inside the weights file.
        let proxy = try CuttingProxy(to: fixture.registry.port, cutAfter: 3 << 20, downstream: true, in: fixture.world.scratch)
        let reference = proxy.reference("ml/resnet", tag: "1.0.0")

        let first = try fixture.pull(via: reference, into: destination)
        expectOperationalFailure(first, mentioning: [proxy.address])
        #expect(proxy.events == ["cut after \(3 << 20) bytes"], "proxy: \(proxy.events)")
        let partialSize = try expectPartialPull(fixture, destination, index: index)
        #expect(partialSize > 0 && partialSize < 8 << 20)
        // The failed crossing is in the log.
        #expect(try fixture.world.auditEntries(destination).last?["result"] as? String == "failed")

        let outcome = try fixture.pullAccepted(via: reference, into: destination)
        try expectResumedPull(outcome, partialSize: partialSize, fixture, model: model, destination: destination)
    }
}
