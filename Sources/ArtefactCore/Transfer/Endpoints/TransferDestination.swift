/// Where a transfer puts a model, as `TransferEndpointParser` resolved it (a store, an
/// export directory, a registry): one `ModelDestination`, opened once.
public struct TransferDestination: CustomStringConvertible {
    let endpoint: any ModelDestination

    init(_ endpoint: any ModelDestination) {
        self.endpoint = endpoint
    }

    /// A store, which verifies under its own policy.
    public static func store(_ store: ModelStore) -> TransferDestination { TransferDestination(StoreDestination(store)) }
    /// A plain directory for an inference server, absent or empty; written whole or not at all.
    public static func export(_ path: String) -> TransferDestination { TransferDestination(ExportDestination(path)) }
    /// An OCI registry repository: the model is pushed tagged with its version.
    public static func registry(_ access: RegistryAccess) -> TransferDestination { TransferDestination(RegistryDestination(access)) }
    /// A prefix in object storage: the model's files as objects, its bundle written last.
    public static func s3(_ access: S3Access) -> TransferDestination { TransferDestination(S3Destination(access)) }

    public var description: String { endpoint.description }
}
