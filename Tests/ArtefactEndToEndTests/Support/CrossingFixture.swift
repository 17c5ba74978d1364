import Foundation
import Testing

/// What the registry and object storage fixtures share: a `StoreFixture` world whose
/// crossings are judged the same way, so a push, a pull and an export are checked by one
/// piece of code whichever remote end they crossed.
protocol CrossingFixture: AnyObject {
    var world: StoreFixture { get }
}

extension CrossingFixture {
    /// A crossing run with `--json` that must be accepted: exit 0, nothing on stderr, and
    /// `"accepted": true`; the parsed outcome.
    func accepted(_ result: CLIResult, sourceLocation: SourceLocation) throws -> [String: Any] {
        try #require(result.status == 0, "exit \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.isEmpty, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
        let outcome = try jsonObject(result.stdout, sourceLocation: sourceLocation)
        #expect(outcome["accepted"] as? Bool == true, sourceLocation: sourceLocation)
        return outcome
    }

    /// Exports `label` from `store` to a new directory and expects it to hold `model`'s
    /// files byte for byte.
    func expectExportMatches(_ store: String, _ label: String, original model: String,
                             sourceLocation: SourceLocation = #_sourceLocation) throws {
        let export = world.path("export-\(UUID().uuidString.prefix(8))")
        try world.transferAccepted(store, export, ["--model", label], sourceLocation: sourceLocation)
        try expectSameTree(export, as: model, sourceLocation: sourceLocation)
    }
}
