/// Tells a transfer's endpoints apart, in one place: `oci://` names a registry, `s3://` a
/// prefix in object storage; a path is a store (when it holds one), else a signed model
/// directory (as a source) or an export target (as a destination). Each store is opened
/// here, once per transfer; TLS files the caller left out for a registry or object storage
/// come from that opened store's configuration.
public enum TransferEndpointParser {
    /// Resolves SRC and DST. `name` and `version` (`--model`) select a store source's model;
    /// `signature` is a directory source's bundle; `registryOptions` and `s3Options` are
    /// asked only when an endpoint is a registry or object storage.
    public static func parse(source: String, destination: String, name: String?, version: String?, signature: String?,
                             registryOptions: () throws -> RegistryOptions,
                             s3Options: () throws -> S3Options = { throw ArtefactError.badInput("s3:// endpoints are not available here") })
        throws -> (source: TransferSource, destination: TransferDestination) {
        let sourceRemote = try remote(source)
        let localSource = try sourceRemote == nil ? localSource(source, name: name, version: version, signature: signature) : nil
        let destinationRemote = try remote(destination)
        let localDestination = try destinationRemote == nil ? localDestination(destination) : nil
        guard sourceRemote != nil || destinationRemote != nil else { return (localSource!, localDestination!) }
        // Flags, then the environment (the caller's options), then the local store's configuration.
        let remembered = (localSource?.endpoint.store ?? localDestination?.endpoint.store)?.configuration.tls
        var registry: RegistryOptions?
        var s3: S3Options?
        func registryAccess(_ reference: RegistryReference) throws -> RegistryAccess {
            if registry == nil { registry = try registryOptions() }
            return try registry!.access(reference, remembered: remembered)
        }
        func s3Access(_ location: S3Location) throws -> S3Access {
            if s3 == nil { s3 = try s3Options() }
            return try s3!.access(location, remembered: remembered)
        }
        let resolvedSource: TransferSource
        switch sourceRemote {
        case .registry(let reference)?: resolvedSource = .registry(try registryAccess(reference))
        case .s3(let location)?: resolvedSource = .s3(try s3Access(location))
        case nil: resolvedSource = localSource!
        }
        let resolvedDestination: TransferDestination
        switch destinationRemote {
        case .registry(let reference)?: resolvedDestination = .registry(try registryAccess(reference))
        case .s3(let location)?: resolvedDestination = .s3(try s3Access(location))
        case nil: resolvedDestination = localDestination!
        }
        return (resolvedSource, resolvedDestination)
    }

    /// What `verify` reads in place when PATH is not local: an `s3://` prefix (trusting the
    /// TLS options given, there being no store to remember any); nil for a path.
    public static func verificationSource(_ text: String, s3Options: () throws -> S3Options) throws -> TransferSource? {
        switch try remote(text) {
        case .s3(let location)?: return .s3(try s3Options().access(location, remembered: nil))
        case .registry?: throw ArtefactError.badInput("verify reads a model directory or an s3:// prefix; pull \(text) into a store first")
        case nil: return nil
        }
    }

    /// A remote endpoint: a registry repository or an object storage prefix.
    enum Remote {
        case registry(RegistryReference)
        case s3(S3Location)
    }

    /// The remote endpoint `text` names, or nil when it is a path. A web URL is refused
    /// rather than taken for a relative path: the scheme says which protocol to speak.
    static func remote(_ text: String) throws -> Remote? {
        if let reference = try registryReference(text) { return .registry(reference) }
        if text.hasPrefix(S3Location.scheme) { return .s3(try S3Location(parsing: text)) }
        if text.hasPrefix("https://") || text.hasPrefix("http://") {
            throw ArtefactError.badInput("\(text) is a web URL; name a registry as oci://HOST[:PORT]/REPOSITORY or object storage as s3://BUCKET/PREFIX")
        }
        return nil
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
        guard FileSystem.exists(path) else {
            // Before any byte is read: an export into a missing folder would fail only at the end.
            try ParentDirectory.require(for: path, action: "export to")
            return .export(path)
        }
        guard FileSystem.isDirectory(path) else {
            throw ArtefactError.badInput("\(path) is a file; the destination must be a store or a new or empty directory")
        }
        guard try FileSystem.isEmptyDirectory(path) else {
            throw ArtefactError.badInput("\(path) is a non-empty directory and not a store; export needs a new or empty directory, or create a store there with 'artefact store init'")
        }
        return .export(path)
    }
}
