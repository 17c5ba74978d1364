/// The result of signing: the manifest that was signed and the bundle that holds it.
public struct SignedModel: Sendable {
    public let manifest: ModelManifest
    public let bundle: SignatureBundle
    public let bundlePath: String
}
