/// `diff`: how two stores differ, model by model.
public struct StoreDiff: Sendable {
    public let onlyInFirst: [StoredModel]
    public let onlyInSecond: [StoredModel]
    /// Versions in both whose model digests differ.
    public let differing: [(first: StoredModel, second: StoredModel)]
    /// The newest version of each model name on each side.
    public let newest: [(name: String, first: String?, second: String?)]

    public init(_ first: StoreIndex, _ second: StoreIndex) {
        let a = first.models
        let b = second.models
        func key(_ model: StoredModel) -> String { "\(model.name)\u{0}\(ModelVersion.key(model.version))" }
        let bByKey = Dictionary(b.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        let aKeys = Set(a.map(key))
        onlyInFirst = a.filter { bByKey[key($0)] == nil }
        onlyInSecond = b.filter { !aKeys.contains(key($0)) }
        differing = a.compactMap { model in
            guard let other = bByKey[key(model)], other.modelDigest != model.modelDigest else { return nil }
            return (model, other)
        }
        func newestVersion(_ models: [StoredModel], _ name: String) -> String? {
            models.filter { $0.name == name }.compactMap { $0.version.flatMap(ModelVersion.init) }.max()?.text
        }
        let names = Set(a.map(\.name)).union(b.map(\.name)).sorted()
        newest = names.map { ($0, newestVersion(a, $0), newestVersion(b, $0)) }
    }

    public var isInSync: Bool { onlyInFirst.isEmpty && onlyInSecond.isEmpty && differing.isEmpty }
}
