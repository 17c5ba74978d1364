/// One model version in a store, as its index entry describes it.
public struct StoredModel: Sendable {
    public let name: String
    public let version: String?
    public let modelDigest: String
    public let classification: String
    public let manifest: OCIDescriptor
    public let bundleManifest: OCIDescriptor?

    public var label: String { "\(name)\(version.map { "@" + $0 } ?? "")" }
}
