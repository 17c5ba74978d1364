/// How the caller asked to reach a TLS server (a registry, object storage): TLS files from
/// its flags, then the environment; limits; the client key's passphrase. Whatever file it
/// leaves out comes from the local store's configuration (`store init --tls-ca ...`).
public struct TLSOptions: Sendable {
    public var caFile: String?
    public var certificateFile: String?
    public var keyFile: String?
    public var useSystemCAs: Bool
    public var requestTimeout: Int64
    public var minimumRate: Int64
    /// The passphrase of an encrypted client key.
    public var keyPassphrase: SecretBytes?

    public init(caFile: String?, certificateFile: String?, keyFile: String?, useSystemCAs: Bool, requestTimeout: Int64,
                minimumRate: Int64, keyPassphrase: SecretBytes?) {
        self.caFile = caFile
        self.certificateFile = certificateFile
        self.keyFile = keyFile
        self.useSystemCAs = useSystemCAs
        self.requestTimeout = requestTimeout
        self.minimumRate = minimumRate
        self.keyPassphrase = keyPassphrase
    }

    /// The settings for reaching `server`, the store's `remembered` files filling what these
    /// options leave out. A CA is required unless the system's bundle is asked for
    /// explicitly: artefact trusts only the CA it is given.
    func settings(reaching server: String, remembered: StoredTLSFiles?) throws -> TLSSettings {
        let ca = caFile ?? remembered?.caFile
        guard ca != nil || useSystemCAs else {
            throw ArtefactError.badInput("reaching \(server) needs --tls-ca CA.pem (or ARTEFACT_TLS_CA), or --tls-system-ca to trust the system's CA bundle: artefact trusts only the CA it is given")
        }
        return TLSSettings(caFile: ca, certificateFile: certificateFile ?? remembered?.certificateFile,
                           keyFile: keyFile ?? remembered?.keyFile, requestTimeout: requestTimeout, minimumRate: minimumRate,
                           useSystemCAs: useSystemCAs)
    }
}
