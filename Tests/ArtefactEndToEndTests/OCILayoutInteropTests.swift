import Foundation
import Testing

/// A store is a plain OCI image layout that another tool reads: skopeo finds a model by
/// its `NAME_VERSION` tag, prints the manifest with one titled layer per file, and copies
/// it out checking every blob's digest.
@Suite struct OCILayoutInteropTests {
    private func storeWithModel() throws -> (world: StoreFixture, store: String, model: String) {
        let world = try StoreFixture()
        let store = try world.makeStore("store")
        let model = try world.signedModel("model", name: "resnet", version: "1.2.0")
        try world.transferAccepted(model, store)
        return (world, store, model)
    }

    @Test func skopeoPrintsTheManifestWithATitledLayerPerFile() throws {
        let (world, store, model) = try storeWithModel()
        let result = try CLI.runTool("skopeo", ["inspect", "--raw", "oci:\(store):resnet_1.2.0"])
        try #require(result.status == 0, "skopeo inspect: \(result.stderr)")
        let manifest = try jsonObject(result.stdout)
        #expect(manifest["mediaType"] as? String == "application/vnd.oci.image.manifest.v1+json")
        #expect(manifest["artifactType"] as? String == "application/vnd.artefact.model.v1")
        let layers = try #require(manifest["layers"] as? [[String: Any]])
        let titles = layers.compactMap { ($0["annotations"] as? [String: String])?["org.opencontainers.image.title"] }
        #expect(titles.sorted() == ["config.json", "empty.txt", "tokenizer/merges.txt", "tokenizer/vocab.json", "weights/model.safetensors"])
        for layer in layers {
            let title = try #require((layer["annotations"] as? [String: String])?["org.opencontainers.image.title"])
            let size = try FileManager.default.attributesOfItem(atPath: "\(model)/\(title)")[.size]
            #expect(integer(layer["size"]) == integer(size), "\(title)")
        }
        let annotations = try #require(manifest["annotations"] as? [String: String])
        #expect(annotations["dev.artefact.model.name"] == "resnet")
        #expect(annotations["dev.artefact.model.version"] == "1.2.0")
        #expect(annotations["dev.artefact.model.digest"] == (try world.listedDigest(store, "resnet@1.2.0")))
    }

    @Test func skopeoCopiesTheModelOutWithEveryDigestChecked() throws {
        let (world, store, model) = try storeWithModel()
        let out = world.path("skopeo-out")
        let result = try CLI.runTool("skopeo", ["copy", "oci:\(store):resnet_1.2.0", "dir:\(out)"])
        try #require(result.status == 0, "skopeo copy: \(result.stderr)")
        // dir: names each blob by its digest; the weights must be there, whole.
        let weights = try Data(contentsOf: URL(fileURLWithPath: "\(model)/weights/model.safetensors"))
        let names = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(names.contains("manifest.json"))
        #expect(names.contains { (try? Data(contentsOf: URL(fileURLWithPath: "\(out)/\($0)"))) == weights })
    }

    @Test func skopeoRefusesACopyWhenABlobHasRotted() throws {
        let (world, store, model) = try storeWithModel()
        let weights = try Data(contentsOf: URL(fileURLWithPath: "\(model)/weights/model.safetensors"))
        let blob = try #require(world.blobNames(store).first { name in
            (try? Data(contentsOf: URL(fileURLWithPath: "\(store)/blobs/sha256/\(name)"))) == weights
        })
        try flipByte(in: "\(store)/blobs/sha256/\(blob)", at: 100)
        let result = try CLI.runTool("skopeo", ["copy", "oci:\(store):resnet_1.2.0", "dir:\(world.path("skopeo-out"))"])
        #expect(result.status != 0, "skopeo copied a blob that does not match its digest")
    }

    @Test func anUnknownTagIsNotFound() throws {
        let (_, store, _) = try storeWithModel()
        let result = try CLI.runTool("skopeo", ["inspect", "--raw", "oci:\(store):resnet_9.9.9"])
        #expect(result.status != 0)
    }
}
