@testable import ArtefactCore
import Foundation
import Testing

/// The rollback guard at a store's door (see `Docs/STORE.md`, "Versions"): only versioned
/// models, never below the highest accepted version unless `allow_downgrade` names the
/// model, and never the same version with other content, even after the model is gone
/// from the index.
@Suite struct RollbackGuardTests {
    /// A fresh store whose policy allows downgrades of `downgradable`, with models published
    /// through the store's own API.
    private final class World {
        let root: String
        let store: ModelStore
        let policy: TrustPolicy

        init(downgradable: [String] = []) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("rollback-tests-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            try Data(try SigningKey.generate().publicKey.pem).write(to: URL(fileURLWithPath: "\(root)/signer.pub"))
            let allowed = downgradable.map { "\"\($0)\"" }.joined(separator: ", ")
            let policyText = """
            {"environment": "prod", "clearance": "restricted", "signers": {"a": {"key": "signer.pub"}},
             "rules": [{"models": "*", "signers": ["a"]}], "allow_downgrade": [\(allowed)]}
            """
            try Data(policyText.utf8).write(to: URL(fileURLWithPath: "\(root)/policy.json"))
            store = try ModelStore.initialize(at: "\(root)/store", environment: "prod", policyPath: "\(root)/policy.json", auditKey: nil)
            policy = try store.policy()
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }

        /// A one-file model `name` at `version` whose file holds `content`.
        func manifest(_ name: String, _ version: String?, content: String = "weights") throws -> ModelManifest {
            let bytes = Array(content.utf8)
            let file = ModelFile(path: "weights.bin", size: Int64(bytes.count), digest: .whole(SHA256Hasher.digest(bytes)))
            return try ModelManifest(name: name, version: version, classification: .internal,
                                     createdAt: Timestamp(secondsSinceEpoch: 1_767_225_600), expiresAt: nil, hashing: .files,
                                     ignore: [], contents: ModelContents(files: [file], symlinks: []))
        }

        /// Publishes the model as a transfer would once the guard let it in.
        func publish(_ name: String, _ version: String, content: String = "weights") throws {
            let manifest = try manifest(name, version, content: content)
            try store.writeBlob(Array(content.utf8))
            let image = ModelImage(manifest: manifest, bundleBytes: Array("{}".utf8), blobDigests: [SHA256Hasher.digest(Array(content.utf8))])
            try store.publish(image, version: try #require(ModelVersion(version)))
        }

        /// Empties the index (as removing every model would) while the state remembers.
        func forgetIndex() throws { try StoreIndex().write(store.layout) }

        func check(_ manifest: ModelManifest) throws -> RollbackGuard.Decision? {
            try RollbackGuard.check(manifest, destination: store, policy: policy)
        }

        /// The rejection `check` throws for `manifest`, failing the test when it accepts.
        func rejection(_ manifest: ModelManifest, sourceLocation: SourceLocation = #_sourceLocation) -> TransferRejection? {
            do {
                let decision = try check(manifest)
                Issue.record("accepted: \(String(describing: decision))", sourceLocation: sourceLocation)
            } catch let rejection as TransferRejection {
                return rejection
            } catch {
                Issue.record("not a TransferRejection: \(error)", sourceLocation: sourceLocation)
            }
            return nil
        }
    }

    func expect(_ rejection: TransferRejection?, check: String, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(rejection.map { "\($0.check)" } == check, sourceLocation: sourceLocation)
        #expect(rejection?.reason.contains(fragment) == true, "\"\(fragment)\" is not in: \(rejection?.reason ?? "nil")",
                sourceLocation: sourceLocation)
    }

    @Test func anUnversionedModelIsRefused() throws {
        let world = try World()
        expect(world.rejection(try world.manifest("resnet", nil)), check: "version", "resnet has no signed version")
    }

    @Test(arguments: ["nightly", "1.0.", "1.0-", "V1"])
    func anUnorderableVersionIsRefused(_ version: String) throws {
        let world = try World()
        expect(world.rejection(try world.manifest("resnet", version)), check: "version", "version \"\(version)\" is not dotted numeric")
    }

    @Test func theFirstVersionIsAccepted() throws {
        let world = try World()
        let decision = try #require(try world.check(try world.manifest("resnet", "1.0.0")))
        #expect(decision.version == ModelVersion("1.0.0"))
        #expect(decision.downgradedFrom == nil)
    }

    @Test(arguments: ["1.0.0", "1.0", "v1.0.0+build.2"])
    func theSameModelAgainIsNothingToDo(_ spelling: String) throws {
        let world = try World()
        try world.publish("resnet", "1.0.0")
        #expect(try world.check(try world.manifest("resnet", spelling)) == nil)
    }

    @Test(arguments: ["1.0.0", "1.0"])
    func theSameVersionWithOtherContentIsRefused(_ spelling: String) throws {
        let world = try World()
        try world.publish("resnet", "1.0.0")
        expect(world.rejection(try world.manifest("resnet", spelling, content: "poisoned")), check: "rollback",
               "resnet@\(spelling) is already in the store with digest sha256:")
    }

    @Test func aHigherVersionIsAccepted() throws {
        let world = try World()
        try world.publish("resnet", "1.9.0")
        let decision = try #require(try world.check(try world.manifest("resnet", "1.10.0", content: "newer")))
        #expect(decision.version.text == "1.10.0")
        #expect(decision.downgradedFrom == nil)
    }

    @Test(arguments: ["1.0.0", "2.0.0-rc.1", "1.99.99"])
    func aLowerVersionIsRefused(_ version: String) throws {
        let world = try World()
        try world.publish("resnet", "2.0.0")
        expect(world.rejection(try world.manifest("resnet", version, content: "older")), check: "rollback",
               "resnet@\(version) is lower than 2.0.0, the highest version this store has accepted")
    }

    @Test func aLowerVersionIsAcceptedAndMarkedWhenThePolicyAllowsIt() throws {
        let world = try World(downgradable: ["resnet"])
        try world.publish("resnet", "2.0.0")
        let decision = try #require(try world.check(try world.manifest("resnet", "1.0.0", content: "older")))
        #expect(decision.version.text == "1.0.0")
        #expect(decision.downgradedFrom?.text == "2.0.0")
    }

    @Test func allowingAnotherModelsDowngradeDoesNotHelp() throws {
        let world = try World(downgradable: ["bert"])
        try world.publish("resnet", "2.0.0")
        expect(world.rejection(try world.manifest("resnet", "1.0.0", content: "older")), check: "rollback", "is lower than 2.0.0")
    }

    @Test func otherModelsVersionsDoNotCount() throws {
        let world = try World()
        try world.publish("resnet", "9.0.0")
        let decision = try #require(try world.check(try world.manifest("bert", "0.1", content: "bert")))
        #expect(decision.downgradedFrom == nil)
    }

    @Test func theHighestVersionIsRememberedAfterTheIndexForgetsIt() throws {
        let world = try World()
        try world.publish("resnet", "1.0.0")
        try world.publish("resnet", "2.0.0", content: "two")
        try world.forgetIndex()
        expect(world.rejection(try world.manifest("resnet", "1.5.0", content: "between")), check: "rollback", "is lower than 2.0.0")
        expect(world.rejection(try world.manifest("resnet", "2.0", content: "other two")), check: "rollback",
               "resnet@2.0 was accepted before with digest sha256:")
        let same = try #require(try world.check(try world.manifest("resnet", "2.0.0", content: "two")))
        #expect(same.downgradedFrom == nil, "the same content at the highest version may come back")
    }
}
