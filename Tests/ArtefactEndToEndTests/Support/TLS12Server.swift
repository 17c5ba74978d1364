import Foundation

/// `openssl s_server -tls1_2 -www` on 127.0.0.1 with the PKI's server certificate: a
/// server that speaks TLS 1.2 and nothing newer.
final class TLS12Server {
    let port: Int
    private let process: ServerProcess

    init(pki: RegistryPKI, in scratch: Scratch) throws {
        for _ in 0..<5 {
            let port = try ServerProcess.freePort()
            let process = try ServerProcess("openssl", ["s_server", "-tls1_2", "-accept", "127.0.0.1:\(port)", "-cert", pki.server.certificate,
                                                        "-key", pki.server.key, "-www", "-quiet"], scratch: scratch)
            if process.waitUntilListening(on: port) {
                self.port = port
                self.process = process
                return
            }
            process.stop()
        }
        throw FixtureError("openssl s_server did not start")
    }

    deinit { process.stop() }
}
