import Foundation
import Testing

/// A registry that trickles, never ends or oversizes any part of a response cannot hold a
/// pull: each ends with exit 3 and a message naming the limit or the deadline. Each run is
/// wrapped in `timeout -s KILL`, so a hang fails the test (exit 137) instead of stalling it.
@Suite struct NetworkBoundsTests {
    static let hangLimit = "60"

    func pull(from mode: String, _ extra: [String] = [], interval: Double = 1,
              environment: [String: String] = [:]) throws -> (result: CLIResult, requests: [String]) {
        let world = try StoreFixture()
        let pki = try RegistryPKI(in: world.scratch)
        let server = try HostileRegistry(mode: mode, pki: pki, in: world.scratch, interval: interval)
        let store = try world.makeStore("destination")
        let result = try CLI.runTool("timeout", ["-s", "KILL", Self.hangLimit, CLI.executable.path, "transfer",
                                                 "oci://127.0.0.1:\(server.port)/ml/resnet:1.0.0", store,
                                                 "--tls-ca", pki.ca, "--tls-cert", pki.client.certificate, "--tls-key", pki.client.key] + extra,
                                     environment: KeyPair.environment.merging(["ARTEFACT_NETWORK_TIMEOUT": ""].merging(environment) { _, new in new }) { _, new in new })
        #expect(try world.labels(store).isEmpty)
        return (result, server.requests)
    }

    @Test(arguments: [
        // A byte a second beats the 60 s idle timeout for ever; only the request deadline ends it.
        ("trickle-head", "did not finish within 3 s"),
        ("trickle-body", "did not finish within 3 s"),
    ])
    func aTricklingServerIsCutAtTheRequestDeadline(mode: String, message: String) throws {
        let (result, requests) = try pull(from: mode, ["--network-timeout", "3"])
        expectOperationalFailure(result, mentioning: [message, "(while reading)", "--network-timeout"])
        #expect(requests.first == "GET /v2/ HTTP/1.1")
    }

    /// A blob download's deadline is the timeout plus its signed size at the minimum rate;
    /// with a minimum rate so high that the size adds nothing, a download that stalls in
    /// the middle of the weights ends at the timeout.
    @Test func aStalledBlobDownloadIsCutAtItsDeadline() throws {
        let fixture = try RegistryFixture()
        let (_, source) = try fixture.storedModel { model in
            try writeLargeFile("\(model)/weights/model.safetensors", size: 8 << 20, seed: 5)
        }
        try fixture.pushAccepted(source, "resnet@1.0.0")
        let destination = try fixture.world.makeStore("destination")
        let proxy = try StallingProxy(to: fixture.registry.port, stallAfter: 3 << 20, in: fixture.world.scratch)

        let result = try fixture.pull(via: proxy.reference("ml/resnet", tag: "1.0.0"), into: destination, ["--network-timeout", "4"],
                                      environment: ["ARTEFACT_NETWORK_MIN_RATE": "1G"])
        expectOperationalFailure(result, mentioning: ["did not finish within 4 s", "ARTEFACT_NETWORK_MIN_RATE"])
        #expect(proxy.events.first == "stalled after \(3 << 20) bytes")
        #expect(try fixture.world.labels(destination).isEmpty)
    }

    @Test func theDeadlineCanComeFromTheEnvironment() throws {
        let world = try StoreFixture()
        let pki = try RegistryPKI(in: world.scratch)
        let server = try HostileRegistry(mode: "trickle-head", pki: pki, in: world.scratch)
        let store = try world.makeStore("destination")
        let result = try CLI.runTool("timeout", ["-s", "KILL", Self.hangLimit, CLI.executable.path, "transfer",
                                                 "oci://127.0.0.1:\(server.port)/ml/resnet:1.0.0", store,
                                                 "--tls-ca", pki.ca, "--tls-cert", pki.client.certificate, "--tls-key", pki.client.key],
                                     environment: KeyPair.environment.merging(["ARTEFACT_NETWORK_TIMEOUT": "2"]) { _, new in new })
        expectOperationalFailure(result, mentioning: ["did not finish within 2 s"])
    }

    @Test(arguments: [
        ("endless-headers", "header section is longer than allowed"),
        ("endless-body", "larger than 1048576 bytes"),
        ("endless-trailers", "trailer section is longer than allowed"),
        ("huge-chunk-line", "chunk-size line is longer than allowed"),
        ("huge-length", "bad Content-Length"),
        ("long-length", "larger than 1048576 bytes"),
    ])
    func anEndlessOrOversizedPartIsCutAtItsByteLimit(mode: String, message: String) throws {
        // A long deadline, so that only the byte limit can end these.
        let (result, _) = try pull(from: mode, ["--network-timeout", "600"])
        expectOperationalFailure(result, mentioning: [message])
    }

    @Test func aTokenThatWouldInjectHeadersIsRefused() throws {
        let (result, requests) = try pull(from: "bad-token", ["--network-timeout", "60"],
                                        environment: ["ARTEFACT_REGISTRY_USER": "user", "ARTEFACT_REGISTRY_PASSWORD": "secret"])
        expectOperationalFailure(result, mentioning: ["token", "visible ASCII"])
        #expect(requests.count == 2 && requests.last?.hasPrefix("GET /token?") == true, "\(requests)")
    }

    @Test(arguments: ["0", "-1", "ten", "99999999999999999999", "2592001"])
    func aBadNetworkTimeoutIsBadInput(value: String) throws {
        let world = try StoreFixture()
        let store = try world.makeStore("destination")
        let result = try world.transfer("oci://127.0.0.1:1/ml/resnet:1.0.0", store, ["--tls-ca", "/nonexistent", "--network-timeout", value])
        expectBadInput(result, mentioning: ["--network-timeout"])
    }
}
