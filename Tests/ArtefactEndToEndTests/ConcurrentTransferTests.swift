import Foundation
import Testing

/// Transfers into one store at the same time, from separate processes: the store lock
/// serialises them, so both land, the index lists both, and the log chain stays whole.
@Suite struct ConcurrentTransferTests {
    @Test func twoModelVersionsTransferredAtOnceBothArrive() throws {
        let world = try StoreFixture()
        let store = try world.makeStore("store")
        let first = try world.signedModel("first", name: "resnet", version: "1.0.0", weightBytes: 2 << 20)
        let second = try world.signedModel("second", name: "bert", version: "2.1.0", weightBytes: 2 << 20) { model in
            try writeRandomFile("\(model)/weights/model.safetensors", count: 2 << 20, seed: 7)
        }

        let runs = try [first, second].map { try world.start(["transfer", $0, store, "--json"]) }
        let endings = runs.map { $0.wait() }
        for ending in endings {
            #expect(ending.reason == .exit && ending.status == 0, "exit \(ending.status): \(ending.stderr)")
            #expect(try jsonObject(ending.stdout)["accepted"] as? Bool == true)
        }

        #expect(try world.labels(store) == ["bert@2.1.0", "resnet@1.0.0"])
        let (status, report) = try world.verifyStore(store)
        #expect(status == 0 && report["clean"] as? Bool == true, "store verify: \(report)")
        let verify = try world.run(["audit", "verify", store, "--json"])
        #expect(verify.status == 0, "audit verify: \(verify.stdout) \(verify.stderr)")
        let audit = try jsonObject(verify.stdout)
        #expect(audit["intact"] as? Bool == true)
        #expect(integer(audit["entries"]) == 3)
        #expect(integer(audit["checkpointCount"]) == 3)
        let accepted = try world.auditEntries(store).filter { $0["action"] as? String == "transfer-in" }
        #expect(accepted.compactMap { $0["result"] as? String } == ["accepted", "accepted"])
    }

    @Test func theSameVersionTransferredTwiceAtOnceIsPublishedOnce() throws {
        let world = try StoreFixture()
        let store = try world.makeStore("store")
        let model = try world.signedModel("model", name: "resnet", version: "1.0.0", weightBytes: 2 << 20)

        let runs = try (0..<2).map { _ in try world.start(["transfer", model, store, "--json"]) }
        let outcomes = try runs.map { run -> [String: Any] in
            let ending = run.wait()
            #expect(ending.reason == .exit && ending.status == 0, "exit \(ending.status): \(ending.stderr)")
            return try jsonObject(ending.stdout)
        }
        // One of them copied; the other, waiting on the lock, found it there.
        #expect(outcomes.filter { $0["alreadyPresent"] as? Bool == true }.count == 1)
        #expect(try world.labels(store) == ["resnet@1.0.0"])
        let index = try jsonObject(String(decoding: try world.indexBytes(store), as: UTF8.self))
        #expect((index["manifests"] as? [Any])?.count == 2, "one model manifest and one signature manifest")
        #expect(try world.verifyStore(store).status == 0)
        expectAccepted(try world.run(["audit", "verify", store]))
    }
}
