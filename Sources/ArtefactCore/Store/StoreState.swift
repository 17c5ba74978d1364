/// What a store remembers across publications (`artefact/state.json`): the highest version
/// accepted for each model name and its digest, for rollback protection. The index alone
/// would forget a version whose entry was removed by hand; this file only ever rises.
public struct StoreState: Sendable {
    public struct Accepted: Sendable {
        public let version: String
        public let modelDigest: String
    }

    public private(set) var highest: [String: Accepted]

    public init(highest: [String: Accepted] = [:]) { self.highest = highest }

    static func read(_ layout: StoreLayout) throws -> StoreState {
        guard try layout.has(StoreLayout.Relative.state) else { return StoreState() }
        let failure = { @Sendable (message: String) in ArtefactError.operational("store \(layout.root): state.json: \(message)") }
        let value = try StrictJSONParser.parse(layout.read(StoreLayout.Relative.state, limit: 64 << 20), failure: failure)
        var reader = try JSONObjectReader(value, context: "state", failure: failure)
        guard case .object(let members) = try reader.requiredValue("highestVersions") else { throw failure("highestVersions is not an object") }
        var highest: [String: Accepted] = [:]
        for (name, entry) in members {
            var entryReader = try JSONObjectReader(entry, context: "state.highestVersions.\(name)", failure: failure)
            highest[name] = Accepted(version: try entryReader.string("version"), modelDigest: try entryReader.string("modelDigest"))
        }
        return StoreState(highest: highest)
    }

    func write(_ layout: StoreLayout) throws {
        let members = highest.sorted { $0.key < $1.key }.map { name, accepted in
            (name, jsonObject([("version", .string(accepted.version)), ("modelDigest", .string(accepted.modelDigest))]))
        }
        try layout.write(StoreLayout.Relative.state, JSONWriter.pretty(jsonObject([("highestVersions", .object(members))])))
    }

    /// Records an accepted version if it is the highest seen for its name.
    mutating func record(name: String, version: ModelVersion, modelDigest: String) {
        if let current = highest[name], let currentVersion = ModelVersion(current.version), currentVersion >= version { return }
        highest[name] = Accepted(version: version.text, modelDigest: modelDigest)
    }
}
