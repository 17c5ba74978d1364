/// Where a transfer takes a model from, as `TransferEndpointParser` resolved it (a model
/// directory, a store, a registry, an S3 prefix): one `ModelSource`, opened once.
public struct TransferSource: CustomStringConvertible {
    let endpoint: any ModelSource

    init(_ endpoint: any ModelSource) {
        self.endpoint = endpoint
    }

    /// A signed model directory (or file) with its bundle.
    public static func directory(_ location: ModelLocation) -> TransferSource { TransferSource(DirectorySource(location)) }
    /// A model version in a store; a nil version means the highest.
    public static func store(_ store: ModelStore, name: String, version: String?) -> TransferSource {
        TransferSource(StoreSource(store, name: name, version: version))
    }
    /// A model version in an OCI registry, tagged with its version.
    public static func registry(_ access: RegistryAccess) -> TransferSource { TransferSource(RegistrySource(access)) }
    /// A signed model under a prefix in object storage.
    public static func s3(_ access: S3Access) -> TransferSource { TransferSource(S3Source(access)) }

    public var description: String { endpoint.description }
}
