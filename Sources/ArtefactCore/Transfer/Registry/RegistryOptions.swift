/// How the caller asked to reach registries: TLS options (flags, then the environment) and
/// credentials. Whatever TLS file it leaves out comes from the local store's configuration
/// (`store init --tls-ca ...`), added by `TransferEndpointParser` from the store it opened.
public struct RegistryOptions: Sendable {
    public var tls: TLSOptions
    public var credentials: RegistryCredentials?

    public init(tls: TLSOptions, credentials: RegistryCredentials?) {
        self.tls = tls
        self.credentials = credentials
    }

    public init(caFile: String?, certificateFile: String?, keyFile: String?, useSystemCAs: Bool, requestTimeout: Int64,
                minimumRate: Int64, keyPassphrase: SecretBytes?, credentials: RegistryCredentials?) {
        self.init(tls: TLSOptions(caFile: caFile, certificateFile: certificateFile, keyFile: keyFile, useSystemCAs: useSystemCAs,
                                  requestTimeout: requestTimeout, minimumRate: minimumRate, keyPassphrase: keyPassphrase),
                  credentials: credentials)
    }

    /// The access to `reference`, the store's `remembered` TLS files filling what these
    /// options leave out.
    func access(_ reference: RegistryReference, remembered: StoredTLSFiles?) throws -> RegistryAccess {
        RegistryAccess(reference: reference, tls: try tls.settings(reaching: reference.address, remembered: remembered),
                       keyPassphrase: tls.keyPassphrase, credentials: credentials)
    }
}
