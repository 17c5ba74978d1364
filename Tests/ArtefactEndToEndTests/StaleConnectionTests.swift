import Foundation
import Testing

/// A registry that closes each kept-alive connection after one answer (as its idle timeout
/// would): the client sends the next idempotent request once more, on a new connection,
/// instead of failing. Here the second request is a manifest the registry does not have,
/// so a resent request ends in "does not exist" (exit 2); one not resent would end in a
/// closed connection (exit 3).
@Suite struct StaleConnectionTests {
    @Test func aRequestOnAConnectionTheServerClosedIsSentAgainOnANewOne() throws {
        let world = try StoreFixture()
        let pki = try RegistryPKI(in: world.scratch)
        let server = try HostileRegistry(mode: "one-per-connection", pki: pki, in: world.scratch)
        let store = try world.makeStore("destination")
        let result = try CLI.runTool("timeout", ["-s", "KILL", "60", CLI.executable.path, "transfer",
                                                 "oci://127.0.0.1:\(server.port)/ml/resnet:1.0.0", store,
                                                 "--tls-ca", pki.ca, "--tls-cert", pki.client.certificate, "--tls-key", pki.client.key],
                                     environment: KeyPair.environment.merging(["ARTEFACT_NETWORK_TIMEOUT": ""]) { _, new in new })
        expectBadInput(result, mentioning: ["does not exist in the registry"])
        // The first manifest request went to the closed connection, which nobody read.
        #expect(server.requests == ["GET /v2/ HTTP/1.1", "GET /v2/ml/resnet/manifests/1.0.0 HTTP/1.1"])
        #expect(try world.labels(store).isEmpty)
    }
}
