import Foundation
import Testing

/// A registry named by a DNS name made only of hex digits and dots (`cafe.be`) is checked
/// against the certificate's DNS names like any other name: it is not an IP address, and
/// a certificate from the trusted CA for another name or for 127.0.0.1 is refused. The
/// names resolve to 127.0.0.1 through a hosts file bind-mounted in a private mount
/// namespace (`unshare -m`, root only), so the machine's /etc/hosts is never touched.
@Suite(.enabled(if: getuid() == 0, "unshare -m needs root"))
struct TLSHostIdentityTests {
    static let hexNames = ["cafe.be", "dead.beef.cafe"]

    /// Pulls from `oci://HOST:PORT/...` with `HOST` resolving to a hostile server that
    /// presents a certificate for `serverNames`. The server answers with an endless body,
    /// so a handshake that succeeds ends with the body limit, one that fails with trust.
    func pull(_ host: String, serverNames: String) throws -> CLIResult {
        let world = try StoreFixture()
        let pki = try RegistryPKI(in: world.scratch, serverNames: serverNames)
        let server = try HostileRegistry(mode: "endless-body", pki: pki, in: world.scratch)
        let store = try world.makeStore("destination")
        let hosts = world.scratch.path("hosts")
        try Self.hexNames.map { "127.0.0.1 \($0)\n" }.joined().write(toFile: hosts, atomically: true, encoding: .utf8)
        return try CLI.runTool("unshare", ["-m", "sh", "-c", "mount --bind \"$0\" /etc/hosts && exec \"$@\"", hosts,
                                           "timeout", "-s", "KILL", "60", CLI.executable.path, "transfer",
                                           "oci://\(host):\(server.port)/ml/resnet:1.0.0", store,
                                           "--tls-ca", pki.ca, "--tls-cert", pki.client.certificate, "--tls-key", pki.client.key],
                               environment: KeyPair.environment)
    }

    @Test(arguments: hexNames)
    func aCertificateForTheAddressIsNotOneForAHexLookingName(host: String) throws {
        let result = try pull(host, serverNames: "IP:127.0.0.1,DNS:localhost")
        expectOperationalFailure(result, mentioning: ["server certificate is not trusted", "\(host):"])
    }

    @Test(arguments: hexNames)
    func aCertificateForAnotherNameIsRefused(host: String) throws {
        let result = try pull(host, serverNames: "DNS:other.example,DNS:cafe.bee")
        expectOperationalFailure(result, mentioning: ["server certificate is not trusted"])
    }

    @Test(arguments: hexNames)
    func aCertificateForTheNameIsAccepted(host: String) throws {
        let result = try pull(host, serverNames: "DNS:\(host)")
        // Past the handshake: the server's endless body is what ends the pull.
        expectOperationalFailure(result, mentioning: ["larger than"])
    }

    @Test func anAddressIsStillCheckedAgainstTheCertificatesIPNames() throws {
        expectOperationalFailure(try pull("127.0.0.1", serverNames: "IP:127.0.0.1"), mentioning: ["larger than"])
        expectOperationalFailure(try pull("127.0.0.1", serverNames: "DNS:cafe.be,IP:127.0.0.2"),
                                 mentioning: ["server certificate is not trusted"])
    }
}
