@testable import ArtefactCore
import Foundation

/// A scratch directory for in-process store tests: a policy (trusting one fresh key)
/// outside the stores, and stores made through `ModelStore.create`, as `store init` makes them.
struct ScratchStores {
    let root: String

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("stores-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: "\(root)/trust", withIntermediateDirectories: true)
        try Data(try SigningKey.generate().publicKey.pem).write(to: URL(fileURLWithPath: "\(root)/trust/signer.pub"))
        let policy = """
        {"environment": "test", "clearance": "internal", "signers": {"signer": {"key": "signer.pub"}},
         "rules": [{"models": "*", "signers": ["signer"]}]}
        """
        try Data(policy.utf8).write(to: URL(fileURLWithPath: policyPath))
    }

    var policyPath: String { "\(root)/trust/policy.json" }

    /// Creates store `name` (no audit key: a hash-chained log), remembering `tls` files.
    func makeStore(_ name: String, tls: StoredTLSFiles? = nil) throws -> ModelStore {
        try ModelStore.create(at: path(name), environment: "test", policyPath: policyPath, auditKey: nil, tls: tls,
                              auditPassphrase: nil).store
    }

    func path(_ name: String) -> String { "\(root)/\(name)" }

    /// Writes a small file (and its directories) under the scratch root.
    func write(_ name: String, _ text: String = "x") throws {
        let url = URL(fileURLWithPath: path(name))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }
}
