import Foundation
import Testing

/// A store source is held to what its index says: a signed model listed under another
/// version (an index edited by hand) is refused, whether or not `--model` names a version.
@Suite struct StoreBindingTests {
    /// Re-labels the index entry of `name` with `version` in `store`'s index.json.
    private func relabel(_ store: String, name: String, as version: String) throws {
        let url = URL(fileURLWithPath: "\(store)/index.json")
        var index = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var manifests = try #require(index["manifests"] as? [[String: Any]])
        for position in manifests.indices {
            var annotations = manifests[position]["annotations"] as? [String: Any] ?? [:]
            guard annotations["dev.artefact.model.name"] as? String == name else { continue }
            annotations["dev.artefact.model.version"] = version
            manifests[position]["annotations"] = annotations
        }
        index["manifests"] = manifests
        try JSONSerialization.data(withJSONObject: index, options: [.sortedKeys, .withoutEscapingSlashes]).write(to: url)
    }

    @Test(arguments: [nil, "9.0.0"] as [String?]) func aModelListedUnderAnotherVersionIsRejected(_ asked: String?) throws {
        let world = try StoreFixture()
        let source = try world.makeStore("source")
        let destination = try world.makeStore("destination")
        try world.transferAccepted(try world.signedModel("model", name: "resnet", version: "1.0.0"), source)
        try relabel(source, name: "resnet", as: "9.0.0")
        #expect(try world.labels(source) == ["resnet@9.0.0"])

        let result = try world.transfer(source, destination, ["--model", "resnet" + (asked.map { "@" + $0 } ?? "")])
        expectRejected(result, check: "model", mentioning: ["1.0.0", "nothing was published"])
        #expect(try world.labels(destination).isEmpty)
        #expect(try world.auditEntries(destination).last?["result"] as? String == "rejected")
        // An export is refused the same way.
        let export = world.path("export")
        expectRejected(try world.transfer(source, export, ["--model", "resnet"]), check: "model")
        #expect(!FileManager.default.fileExists(atPath: export))
    }
}
