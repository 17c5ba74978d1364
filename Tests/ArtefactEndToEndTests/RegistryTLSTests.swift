import Foundation
import Testing

/// Mutual TLS 1.3 and nothing else: a missing or foreign client certificate, a server
/// certificate from a CA artefact was not given, and a server that offers only TLS 1.2
/// each end the transfer with exit 3 and a message naming the problem, before any blob
/// moves.
@Suite struct RegistryTLSTests {
    @Test func withoutAClientCertificateTheRegistryRefusesThePush() throws {
        let fixture = try RegistryFixture()
        let (_, source) = try fixture.storedModel()

        let result = try fixture.push(source, "resnet@1.0.0", tls: ["--tls-ca", fixture.pki.ca])
        expectOperationalFailure(result, mentioning: ["client certificate required", "--tls-cert"])
        #expect(fixture.registry.storedBlobs.isEmpty)
    }

    @Test func withoutAClientCertificateTheRegistryRefusesThePull() throws {
        let fixture = try RegistryFixture()
        let (_, source) = try fixture.storedModel()
        try fixture.pushAccepted(source, "resnet@1.0.0")
        let destination = try fixture.world.makeStore("destination")
        let index = try fixture.world.indexBytes(destination)

        let result = try fixture.pull(into: destination, tls: ["--tls-ca", fixture.pki.ca])
        expectOperationalFailure(result, mentioning: ["client certificate required"])
        #expect(try fixture.world.labels(destination).isEmpty)
        #expect(try fixture.world.indexBytes(destination) == index)
        #expect(fixture.world.blobNames(destination).isEmpty)
    }

    @Test func aClientCertificateFromAnotherCAIsRefused() throws {
        let fixture = try RegistryFixture()
        let (_, source) = try fixture.storedModel()
        let foreign = try RegistryPKI(in: fixture.world.scratch, name: "Foreign")

        let result = try fixture.push(source, "resnet@1.0.0", tls: ["--tls-ca", fixture.pki.ca, "--tls-cert", foreign.client.certificate,
                                                                    "--tls-key", foreign.client.key])
        expectOperationalFailure(result, mentioning: ["rejected the client certificate"])
        #expect(fixture.registry.storedBlobs.isEmpty)
    }

    @Test func aServerCertificateFromACAThatWasNotGivenIsNotTrusted() throws {
        let fixture = try RegistryFixture()
        let (_, source) = try fixture.storedModel()
        let other = try RegistryPKI(in: fixture.world.scratch, name: "Other")

        // The client certificate is right; only the CA artefact trusts is another one.
        let result = try fixture.push(source, "resnet@1.0.0", tls: ["--tls-ca", other.ca, "--tls-cert", fixture.pki.client.certificate,
                                                                    "--tls-key", fixture.pki.client.key])
        expectOperationalFailure(result, mentioning: ["server certificate is not trusted", "--tls-ca"])
        #expect(fixture.registry.storedBlobs.isEmpty)
    }

    @Test func aServerOfferingOnlyTLS12IsRefused() throws {
        let world = try StoreFixture()
        let pki = try RegistryPKI(in: world.scratch)
        let model = try world.signedModel("model", name: "resnet", version: "1.0.0")
        let source = try world.makeStore("source")
        try world.transferAccepted(model, source)
        let server = try TLS12Server(pki: pki, in: world.scratch)

        let result = try world.transfer(source, "oci://127.0.0.1:\(server.port)/ml/resnet",
                                        ["--model", "resnet@1.0.0", "--tls-ca", pki.ca, "--tls-cert", pki.client.certificate,
                                         "--tls-key", pki.client.key])
        expectOperationalFailure(result, mentioning: ["does not offer TLS 1.3", "never falls back"])
    }

    @Test func aClientKeyThatDoesNotMatchTheCertificateIsBadInput() throws {
        let fixture = try RegistryFixture()
        let (_, source) = try fixture.storedModel()
        let result = try fixture.push(source, "resnet@1.0.0", tls: ["--tls-ca", fixture.pki.ca, "--tls-cert", fixture.pki.client.certificate,
                                                                    "--tls-key", fixture.pki.server.key])
        expectBadInput(result, mentioning: ["does not match the client certificate"])
        #expect(fixture.registry.storedBlobs.isEmpty)
    }

    /// A server certificate from the trusted CA, but for another name than the address
    /// artefact connects to, is refused: the name is checked, not only the issuer.
    @Test func aServerCertificateForAnotherNameIsRefused() throws {
        let world = try StoreFixture()
        let pki = try RegistryPKI(in: world.scratch, serverNames: "DNS:registry.test")
        let fixture = try RegistryFixture(world: world, pki: pki, authentication: .none)
        let (_, source) = try fixture.storedModel()

        let result = try fixture.push(source, "resnet@1.0.0")
        expectOperationalFailure(result, mentioning: ["server certificate is not trusted", "mismatch"])
        #expect(fixture.registry.storedBlobs.isEmpty)
    }
}
