/// How the caller asked to reach registries: TLS files from its flags, then the
/// environment; credentials and limits. Whatever TLS file it leaves out comes from the
/// local store's configuration (`store init --tls-ca ...`), added by
/// `TransferEndpointParser` from the store it opened.
public struct RegistryOptions: Sendable {
    public var caFile: String?
    public var certificateFile: String?
    public var keyFile: String?
    public var useSystemCAs: Bool
    public var requestTimeout: Int64
    public var minimumRate: Int64
    /// The passphrase of an encrypted client key.
    public var keyPassphrase: SecretBytes?
    public var credentials: RegistryCredentials?

    public init(caFile: String?, certificateFile: String?, keyFile: String?, useSystemCAs: Bool, requestTimeout: Int64,
                minimumRate: Int64, keyPassphrase: SecretBytes?, credentials: RegistryCredentials?) {
        self.caFile = caFile
        self.certificateFile = certificateFile
        self.keyFile = keyFile
        self.useSystemCAs = useSystemCAs
        self.requestTimeout = requestTimeout
        self.minimumRate = minimumRate
        self.keyPassphrase = keyPassphrase
        self.credentials = credentials
    }

    /// The access to `reference`, the store's `remembered` TLS files filling what these
    /// options leave out. A CA is required: artefact trusts only the CA it is given.
    func access(_ reference: RegistryReference, remembered: StoredTLSFiles?) throws -> RegistryAccess {
        guard let ca = caFile ?? remembered?.caFile else {
            throw ArtefactError.badInput("reaching \(reference.address) needs --tls-ca CA.pem (or ARTEFACT_TLS_CA): artefact trusts only the CA it is given")
        }
        let settings = TLSSettings(caFile: ca, certificateFile: certificateFile ?? remembered?.certificateFile,
                                   keyFile: keyFile ?? remembered?.keyFile, requestTimeout: requestTimeout, minimumRate: minimumRate,
                                   useSystemCAs: useSystemCAs)
        return RegistryAccess(reference: reference, tls: settings, keyPassphrase: keyPassphrase, credentials: credentials)
    }
}
