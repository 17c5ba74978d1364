import Foundation

/// `scripts/testing/token_server.py`: a registry token service on 127.0.0.1 over TLS (the
/// PKI's server certificate) that gives `user` with `password` ES256 tokens signed with a
/// certificate from the PKI's CA, for a registry configured with
/// `RegistryServer.Authentication.token`.
final class TokenServer {
    static let service = "artefact-test-registry"
    static let issuer = "artefact-test-token-issuer"

    let port: Int
    private let process: ServerProcess

    init(pki: RegistryPKI, user: String, password: String, in scratch: Scratch) throws {
        let signer = try pki.issue("token-signer", commonName: "token issuer")
        let portFile = scratch.path("token-\(UUID().uuidString.prefix(8)).port")
        process = try ServerProcess("python3", [
            ServerProcess.testingScript("token_server.py"), "--cert", pki.server.certificate, "--key", pki.server.key,
            "--signing-cert", signer.certificate, "--signing-key", signer.key, "--issuer", Self.issuer, "--service", Self.service,
            "--user", user, "--password", password, "--port-file", portFile,
        ], scratch: scratch)
        port = try process.waitForPort(in: portFile)
    }

    deinit { process.stop() }

    var realm: String { "https://127.0.0.1:\(port)/token" }

    /// How a registry is configured to send its clients here.
    func authentication(trusting pki: RegistryPKI) -> RegistryServer.Authentication {
        .token(realm: realm, service: Self.service, issuer: Self.issuer, certificate: pki.ca)
    }

    /// One line per request: "issued USER SCOPE..." or "refused".
    var events: [String] { process.output.split(separator: "\n").map(String.init) }
}
