import ArtefactCore
import Foundation
import Testing

/// `StoreLayout.requireOutside` decides whether a file a store trusts could be replaced by
/// whoever writes the store: any path whose directory entry, at any step, lies inside the
/// store is refused, however it is spelt.
@Suite struct StoreOutsidePathTests {
    /// A scratch directory holding `store/artefact/`, `outside/policy.json`, a symlink in
    /// the store pointing out, and a symlink outside pointing in.
    private func makeTree() throws -> (root: String, layout: StoreLayout) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString)").path
        let manager = FileManager.default
        try manager.createDirectory(atPath: "\(root)/store/artefact", withIntermediateDirectories: true)
        try manager.createDirectory(atPath: "\(root)/outside", withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: URL(fileURLWithPath: "\(root)/outside/policy.json"))
        try Data("{}".utf8).write(to: URL(fileURLWithPath: "\(root)/store/artefact/policy.json"))
        try manager.createSymbolicLink(atPath: "\(root)/store/artefact/out", withDestinationPath: "\(root)/outside")
        try manager.createSymbolicLink(atPath: "\(root)/outside/in.json", withDestinationPath: "\(root)/store/artefact/policy.json")
        try manager.createSymbolicLink(atPath: "\(root)/storelink", withDestinationPath: "\(root)/store")
        return (root, try StoreLayout(opening: "\(root)/store"))
    }

    @Test func pathsOutsideTheStoreAreAccepted() throws {
        let (root, layout) = try makeTree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        for path in ["\(root)/outside/policy.json", "\(root)/store/../outside/policy.json", "\(root)/outside/absent.pub",
                     "\(root)/store"] {
            #expect(throws: Never.self, "\(path)") { try layout.requireOutside(path, "test") }
        }
    }

    @Test func pathsThatLeadIntoTheStoreAreRefused() throws {
        let (root, layout) = try makeTree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        for path in ["\(root)/store/artefact/policy.json",        // directly inside
                     "\(root)/outside/in.json",                   // a symlink outside that points in
                     "\(root)/store/artefact/out/policy.json",    // through a symlink that lives inside
                     "\(root)/storelink/artefact/policy.json",    // through a symlink to the store itself
                     "\(root)/outside/../store/artefact/policy.json",
                     "\(root)/store/artefact/not-yet.pub"] {      // not there yet, but would be inside
            #expect(throws: ArtefactError.self, "\(path)") { try layout.requireOutside(path, "test") }
        }
    }
}
