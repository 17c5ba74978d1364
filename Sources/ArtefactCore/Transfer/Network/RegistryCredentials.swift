/// A registry user name and password, from `ARTEFACT_REGISTRY_USER` and
/// `ARTEFACT_REGISTRY_PASSWORD` or a credentials file; never from argv.
public struct RegistryCredentials: Sendable {
    public let user: String
    public let password: SecretBytes

    public init(user: String, password: SecretBytes) {
        self.user = user
        self.password = password
    }

    /// The value of an HTTP Basic `Authorization` header.
    var basicAuthorization: String {
        var bytes = Array("\(user):".utf8)
        password.withUnsafeBytes { bytes.append(contentsOf: $0) }
        defer { wipe(&bytes) }
        return "Basic " + Base64.encode(bytes)
    }
}
