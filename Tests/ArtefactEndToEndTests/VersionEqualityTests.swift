import Foundation
import Testing

/// One canonical version comparison decides equality everywhere (see `Docs/STORE.md`,
/// "Versions"): `2.0`, `v2.0.0`, `2.0.0.0` and `2.0.0+build` are all version 2.0.0.
@Suite struct VersionEqualityTests {
    static let spellings = ["2.0", "2.0.0+build.7", "v2.0.0", "2.0.0.0", "2"]

    @Test func anotherSpellingOfAStoredVersionWithOtherContentIsRejected() throws {
        let world = try StoreFixture()
        let store = try world.makeStore("store")
        try world.transferAccepted(try world.signedModel("model", name: "resnet", version: "2.0.0"), store)
        let index = try world.indexBytes(store)
        for (number, spelling) in Self.spellings.enumerated() {
            let other = try world.signedModel("model-\(number)", name: "resnet", version: spelling) { model in
                try world.overwrite("config.json", in: model, with: "{\"spelling\": \"\(spelling)\"}")
            }
            let result = try world.transfer(other, store)
            expectRejected(result, check: "rollback", mentioning: ["resnet@\(spelling)", "same version with different content"])
            #expect(try world.indexBytes(store) == index, "\(spelling) changed the index")
        }
        #expect(try world.labels(store) == ["resnet@2.0.0"])
    }

    /// Taken out of the index by hand, a version is still remembered by the store's state.
    @Test func anotherSpellingIsRejectedAgainstTheRememberedState() throws {
        let world = try StoreFixture()
        let store = try world.makeStore("store")
        try world.transferAccepted(try world.signedModel("model", name: "resnet", version: "2.0.0"), store)
        let empty = try JSONSerialization.data(withJSONObject: ["schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
                                                                "manifests": [Any]()])
        try empty.write(to: URL(fileURLWithPath: "\(store)/index.json"))
        let other = try world.signedModel("model-b", name: "resnet", version: "2.0") { model in
            try world.overwrite("config.json", in: model, with: "{\"other\": true}")
        }
        expectRejected(try world.transfer(other, store), check: "rollback", mentioning: ["accepted before"])
    }

    @Test func theSameContentUnderAnotherSpellingIsAlreadyPresent() throws {
        let world = try StoreFixture()
        let store = try world.makeStore("store")
        try world.transferAccepted(try world.signedModel("model", name: "resnet", version: "2.0.0"), store)
        let again = try world.signedModel("model-again", name: "resnet", version: "v2.0")
        let outcome = try world.transferAccepted(again, store)
        #expect(outcome["alreadyPresent"] as? Bool == true)
        #expect(try world.labels(store) == ["resnet@2.0.0"])
    }

    @Test func modelSelectionListingAndDiffUseTheSameComparison() throws {
        let world = try StoreFixture()
        let first = try world.makeStore("first")
        let second = try world.makeStore("second")
        try world.transferAccepted(try world.signedModel("m-1.9", name: "resnet", version: "1.9.0"), first)
        try world.transferAccepted(try world.signedModel("m-1.10", name: "resnet", version: "1.10.0") { model in
            try world.overwrite("config.json", in: model, with: "{\"v\": 10}")
        }, first)
        try world.transferAccepted(try world.signedModel("m-1.10b", name: "resnet", version: "v1.10") { model in
            try world.overwrite("config.json", in: model, with: "{\"v\": 10}")
        }, second)

        // --model NAME@VERSION finds the stored version under any equal spelling.
        try world.transferAccepted(first, world.path("export"), ["--model", "resnet@1.10"])
        #expect(FileManager.default.fileExists(atPath: world.path("export/config.json")))
        // Listing orders by version, not by text.
        #expect(try world.listedModels(first).map { $0["version"] as? String } == ["1.9.0", "1.10.0"])
        // diff pairs 1.10.0 with v1.10: the same version with the same digest.
        let diff = try jsonObject(try world.run(["diff", first, second, "--json"]).stdout)
        #expect((diff["onlyInA"] as? [[String: Any]])?.compactMap { $0["version"] as? String } == ["1.9.0"])
        #expect((diff["onlyInB"] as? [Any])?.isEmpty == true)
        #expect((diff["digestDiffers"] as? [Any])?.isEmpty == true)
    }
}
