import Foundation

/// `scripts/testing/stalling_proxy.py`: relays TCP to 127.0.0.1:`target` and, once
/// `stallAfter` bytes have come back from the server on a connection, trickles the rest at
/// one byte a second, so that no read times out but the transfer never ends.
final class StallingProxy {
    let port: Int
    private let process: ServerProcess

    init(to target: Int, stallAfter: Int, in scratch: Scratch) throws {
        let portFile = scratch.path("stall-\(UUID().uuidString.prefix(8)).port")
        process = try ServerProcess("python3", [ServerProcess.testingScript("stalling_proxy.py"), "--target-port", String(target),
                                                "--stall-after", String(stallAfter), "--port-file", portFile], scratch: scratch)
        port = try process.waitForPort(in: portFile)
    }

    deinit { process.stop() }

    /// `oci://127.0.0.1:PROXY/REPOSITORY:TAG`.
    func reference(_ repository: String, tag: String) -> String { "oci://127.0.0.1:\(port)/\(repository):\(tag)" }

    var events: [String] { process.output.split(separator: "\n").map(String.init) }
}
