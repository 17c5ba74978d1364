/// Where a transfer takes a model from, as `TransferEndpointParser` resolved it (a model
/// directory, a store, a registry): one `ModelSource`, opened once.
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

    public var description: String { endpoint.description }
}

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

    public var description: String { endpoint.description }
}
