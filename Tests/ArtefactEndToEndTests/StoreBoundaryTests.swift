import Foundation
import Testing

/// What decides what a store trusts lives outside the store: a policy, a key the policy
/// names, an audit key or a TLS file that resolves inside the store (directly, through a
/// symlink, or under a symlinked directory) is refused with exit 2 before any work, so
/// whoever writes the store cannot point it at files they wrote there.
@Suite struct StoreBoundaryTests {
    enum Planting: String, CaseIterable, Sendable {
        case policyCopiedIntoTheStore, policySymlinkOutsideIntoTheStore, policyUnderASymlinkedDirectoryInTheStore,
             auditKeyCopiedIntoTheStore, tlsCAInsideTheStore, policyNamingTheStoresAuditPub, policyNamingASignerKeyInsideTheStore
    }

    private func editJSON(_ path: String, _ change: (inout [String: Any]) -> Void) throws {
        var object = try jsonObject(try String(contentsOfFile: path, encoding: .utf8))
        change(&object)
        try JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes]).write(to: URL(fileURLWithPath: path))
    }

    /// Plants `planting` in the world's store; returns the path the refusal must name.
    private func plant(_ planting: Planting, _ world: AuditWorld) throws -> String {
        let store = world.store
        let configuration = "\(store)/artefact/store.json"
        let policy = world.fixture.path("store-policy.json")
        let manager = FileManager.default
        switch planting {
        case .policyCopiedIntoTheStore:
            try manager.copyItem(atPath: policy, toPath: "\(store)/artefact/policy.json")
            try editJSON(configuration) { $0["policy"] = "\(store)/artefact/policy.json" }
            return "\(store)/artefact/policy.json"
        case .policySymlinkOutsideIntoTheStore:
            try manager.copyItem(atPath: policy, toPath: "\(store)/artefact/policy.json")
            try manager.createSymbolicLink(atPath: world.fixture.path("innocent-policy.json"), withDestinationPath: "\(store)/artefact/policy.json")
            try editJSON(configuration) { $0["policy"] = world.fixture.path("innocent-policy.json") }
            return world.fixture.path("innocent-policy.json")
        case .policyUnderASymlinkedDirectoryInTheStore:
            // The link lives in the store, so whoever writes the store can retarget it.
            try manager.createSymbolicLink(atPath: "\(store)/artefact/etc", withDestinationPath: world.fixture.scratch.path(""))
            try editJSON(configuration) { $0["policy"] = "\(store)/artefact/etc/store-policy.json" }
            return "\(store)/artefact/etc/store-policy.json"
        case .auditKeyCopiedIntoTheStore:
            try manager.copyItem(atPath: world.fixture.auditKey.privateKey, toPath: "\(store)/artefact/audit.key")
            try editJSON(configuration) { $0["auditKey"] = "\(store)/artefact/audit.key" }
            return "\(store)/artefact/audit.key"
        case .tlsCAInsideTheStore:
            try world.fixture.scratch.write("store/artefact/ca.pem", "not used")
            try editJSON(configuration) { $0["tls"] = ["ca": "\(store)/artefact/ca.pem"] }
            return "\(store)/artefact/ca.pem"
        case .policyNamingTheStoresAuditPub:
            try editJSON(policy) { $0["audit_key"] = "\(store)/artefact/audit.pub" }
            return "\(store)/artefact/audit.pub"
        case .policyNamingASignerKeyInsideTheStore:
            try manager.copyItem(atPath: world.fixture.signer.publicKey, toPath: "\(store)/artefact/signer.pub")
            try editJSON(policy) { $0["signers"] = ["signer1": ["key": "\(store)/artefact/signer.pub"]] }
            return "\(store)/artefact/signer.pub"
        }
    }

    @Test(arguments: Planting.allCases)
    func aStoreRefusesToTrustFilesInsideItself(_ planting: Planting) throws {
        let world = try AuditWorld()
        let planted = try plant(planting, world)
        let logBefore = try world.log.lines()
        let indexBefore = try world.fixture.indexBytes(world.store)

        let transfer = try world.fixture.transfer(world.nextModel, world.store)
        expectBadInput(transfer, mentioning: ["store \(world.store)", planted, "is inside the store"])
        expectBadInput(try world.fixture.run(["audit", "verify", world.store]), mentioning: ["is inside the store"])
        expectBadInput(try world.fixture.run(["store", "gc", world.store]), mentioning: ["is inside the store"])
        #expect(try world.log.lines() == logBefore)
        #expect(try world.fixture.indexBytes(world.store) == indexBefore)
    }
}
