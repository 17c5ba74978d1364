import Foundation
import Testing

/// `artefact diff` shows how two stores have drifted: versions only on one side, a
/// name@version whose content differs, and each model's newest version on each side.
@Suite struct StoreDiffTests {
    /// Two stores that share resnet@1.0.0, where A alone has resnet@1.1.0, B alone has
    /// bert@2.0.0, and each holds its own llama@1.0.0 (signed twice with different content).
    private func driftedStores() throws -> (world: StoreFixture, a: String, b: String) {
        let world = try StoreFixture()
        let a = try world.makeStore("cloud", environment: "cloud")
        let b = try world.makeStore("onprem", environment: "onprem")
        func model(_ name: String, _ version: String, flavour: String = "") throws -> String {
            try world.signedModel("\(name)-\(version)\(flavour)", name: name, version: version) { model in
                try world.overwrite("config.json", in: model, with: #"{"model":"\#(name)","flavour":"\#(flavour)"}"#)
            }
        }
        let shared = try model("resnet", "1.0.0")
        try world.transferAccepted(shared, a)
        try world.transferAccepted(a, b, ["--model", "resnet@1.0.0"])
        try world.transferAccepted(try model("resnet", "1.1.0"), a)
        try world.transferAccepted(try model("bert", "2.0.0"), b)
        try world.transferAccepted(try model("llama", "1.0.0", flavour: "-a"), a)
        try world.transferAccepted(try model("llama", "1.0.0", flavour: "-b"), b)
        return (world, a, b)
    }

    @Test func theTextReportNamesEachDifference() throws {
        let (world, a, b) = try driftedStores()
        let result = try world.run(["diff", a, b])
        expectAccepted(result)
        let lines = result.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.contains("A = \(a) [cloud]"))
        #expect(lines.contains("B = \(b) [onprem]"))
        #expect(lines.contains { $0.hasPrefix("only in A: resnet@1.1.0 sha256:") })
        #expect(lines.contains { $0.hasPrefix("only in B: bert@2.0.0 sha256:") })
        let llamaA = try #require(try world.listedDigest(a, "llama@1.0.0"))
        let llamaB = try #require(try world.listedDigest(b, "llama@1.0.0"))
        #expect(llamaA != llamaB)
        #expect(lines.contains("DIGEST DIFFERS: llama@1.0.0: A \(llamaA), B \(llamaB)"))
        #expect(lines.contains("resnet: A 1.1.0, B 1.0.0  (differs)"))
        #expect(lines.contains("bert: A -, B 2.0.0  (differs)"))
        #expect(lines.contains("llama: A 1.0.0, B 1.0.0"))
        #expect(!result.stdout.contains("in sync"))
        // The shared version is not reported as a difference.
        #expect(!lines.contains { $0.contains("resnet@1.0.0") })
    }

    @Test func theJSONReportHasOneFieldPerKindOfDifference() throws {
        let (world, a, b) = try driftedStores()
        let result = try world.run(["diff", a, b, "--json"])
        expectAccepted(result)
        let report = try jsonObject(result.stdout)
        #expect(Set(report.keys) == ["schemaVersion", "ok", "a", "b", "inSync", "onlyInA", "onlyInB", "digestDiffers", "newest"])
        #expect(report["a"] as? String == a)
        #expect(report["b"] as? String == b)
        #expect(report["inSync"] as? Bool == false)

        let onlyInA = try #require(report["onlyInA"] as? [[String: Any]])
        #expect(onlyInA.map { "\($0["name"] ?? "")@\($0["version"] ?? "")" } == ["resnet@1.1.0"])
        #expect(onlyInA.first?["modelDigest"] as? String == (try world.listedDigest(a, "resnet@1.1.0")))
        #expect(onlyInA.first?["signed"] as? Bool == true)
        let onlyInB = try #require(report["onlyInB"] as? [[String: Any]])
        #expect(onlyInB.map { "\($0["name"] ?? "")@\($0["version"] ?? "")" } == ["bert@2.0.0"])

        let differs = try #require(report["digestDiffers"] as? [[String: Any]])
        #expect(differs.count == 1)
        #expect(differs.first?["name"] as? String == "llama")
        #expect(differs.first?["version"] as? String == "1.0.0")
        #expect(differs.first?["a"] as? String == (try world.listedDigest(a, "llama@1.0.0")))
        #expect(differs.first?["b"] as? String == (try world.listedDigest(b, "llama@1.0.0")))

        let newest = try #require(report["newest"] as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: newest.map { ($0["name"] as? String ?? "", $0) })
        #expect(byName.keys.sorted() == ["bert", "llama", "resnet"])
        #expect(byName["resnet"]?["a"] as? String == "1.1.0")
        #expect(byName["resnet"]?["b"] as? String == "1.0.0")
        #expect(byName["bert"]?["a"] is NSNull)
        #expect(byName["bert"]?["b"] as? String == "2.0.0")
    }

    @Test func storesWithTheSameVersionsAreInSync() throws {
        let world = try StoreFixture()
        let a = try world.makeStore("a", environment: "cloud")
        let b = try world.makeStore("b", environment: "onprem")
        try world.transferAccepted(try world.signedModel("model", name: "resnet", version: "1.0.0"), a)
        try world.transferAccepted(a, b, ["--model", "resnet"])

        let text = try world.run(["diff", a, b])
        expectAccepted(text)
        #expect(text.stdout.contains("in sync: the same model versions with the same digests"))
        let report = try jsonObject(try world.run(["diff", a, b, "--json"]).stdout)
        #expect(report["inSync"] as? Bool == true)
        #expect((report["onlyInA"] as? [Any])?.isEmpty == true)
        #expect((report["onlyInB"] as? [Any])?.isEmpty == true)
        #expect((report["digestDiffers"] as? [Any])?.isEmpty == true)
    }

    @Test func diffNeedsTwoStores() throws {
        let world = try StoreFixture()
        let a = try world.makeStore("a")
        expectBadInput(try world.run(["diff", a]), mentioning: ["two stores"])
        let plain = world.path("plain")
        try FileManager.default.createDirectory(atPath: plain, withIntermediateDirectories: true)
        expectBadInput(try world.run(["diff", a, plain]), mentioning: ["is not an artefact store"])
    }
}
