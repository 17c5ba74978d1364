/// How to reach one registry repository: where, over which TLS, as whom.
public struct RegistryAccess: Sendable {
    public let reference: RegistryReference
    public let tls: TLSSettings
    /// The passphrase of an encrypted client key.
    public let keyPassphrase: SecretBytes?
    public let credentials: RegistryCredentials?

    public init(reference: RegistryReference, tls: TLSSettings, keyPassphrase: SecretBytes?, credentials: RegistryCredentials?) {
        self.reference = reference
        self.tls = tls
        self.keyPassphrase = keyPassphrase
        self.credentials = credentials
    }
}
