/// Tells a transfer's endpoints apart, in one place: `oci://` names a registry; a path is a
/// store (when it holds one), else a signed model directory (as a source) or an export
/// target (as a destination). Each store is opened here, once per transfer; a registry's
/// TLS files left out by the caller come from that opened store's configuration.
public enum TransferEndpointParser {
    /// Resolves SRC and DST. `name` and `version` (`--model`) select a store source's model;
    /// `signature` is a directory source's bundle; `registryOptions` is asked only when an
    /// endpoint is a registry.
    public static func parse(source: String, destination: String, name: String?, version: String?, signature: String?,
                             registryOptions: () throws -> RegistryOptions) throws -> (source: TransferSource, destination: TransferDestination) {
        let sourceReference = try registryReference(source)
        let localSource = try sourceReference == nil ? localSource(source, name: name, version: version, signature: signature) : nil
        let destinationReference = try registryReference(destination)
        let localDestination = try destinationReference == nil ? localDestination(destination) : nil
        guard sourceReference != nil || destinationReference != nil else { return (localSource!, localDestination!) }
        // Flags, then the environment (the caller's options), then the local store's configuration.
        let options = try registryOptions()
        let remembered = (localSource?.endpoint.store ?? localDestination?.endpoint.store)?.configuration.tls
        let resolvedSource = try sourceReference.map { TransferSource.registry(try options.access($0, remembered: remembered)) } ?? localSource!
        let resolvedDestination = try destinationReference.map { TransferDestination.registry(try options.access($0, remembered: remembered)) }
            ?? localDestination!
        return (resolvedSource, resolvedDestination)
    }

    /// The registry `text` names, or nil when it is a path.
    static func registryReference(_ text: String) throws -> RegistryReference? {
        text.hasPrefix(RegistryReference.scheme) ? try RegistryReference(parsing: text) : nil
    }

    /// A store (with `--model`) or a signed model directory.
    static func localSource(_ path: String, name: String?, version: String?, signature: String?) throws -> TransferSource {
        if StoreLayout.isStore(path) {
            guard let name else { throw ArtefactError.badInput("\(path) is a store: name the model with --model NAME[@VERSION]") }
            return .store(try ModelStore.open(path), name: name, version: version)
        }
        guard FileSystem.exists(path) else { throw ArtefactError.badInput("\(path) does not exist; name a signed model directory or a store") }
        return .directory(try ModelLocation(modelPath: path, signaturePath: signature))
    }

    /// A store, or a directory to export to that is absent or empty.
    static func localDestination(_ path: String) throws -> TransferDestination {
        if StoreLayout.isStore(path) { return .store(try ModelStore.open(path)) }
        guard FileSystem.exists(path) else { return .export(path) }
        guard FileSystem.isDirectory(path) else {
            throw ArtefactError.badInput("\(path) is a file; the destination must be a store or a new or empty directory")
        }
        guard try FileSystem.isEmptyDirectory(path) else {
            throw ArtefactError.badInput("\(path) is a non-empty directory and not a store; export needs a new or empty directory, or create a store there with 'artefact store init'")
        }
        return .export(path)
    }
}
