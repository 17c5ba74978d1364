import Foundation

/// `scripts/testing/hostile_registry.py`: an HTTPS server on 127.0.0.1 with the PKI's
/// server certificate, requiring its client certificates, that answers every request
/// with one misbehaviour (`mode`: trickled, endless or oversized response parts).
final class HostileRegistry {
    let port: Int
    private let process: ServerProcess

    init(mode: String, pki: RegistryPKI, in scratch: Scratch, interval: Double = 1) throws {
        let portFile = scratch.path("hostile-\(UUID().uuidString.prefix(8)).port")
        process = try ServerProcess("python3", [
            ServerProcess.testingScript("hostile_registry.py"), "--cert", pki.server.certificate, "--key", pki.server.key,
            "--client-ca", pki.ca, "--mode", mode, "--interval", String(interval), "--port-file", portFile,
        ], scratch: scratch)
        port = try process.waitForPort(in: portFile)
    }

    deinit { process.stop() }

    /// The requests it received, one request line each.
    var requests: [String] { process.output.split(separator: "\n").map(String.init) }
}
