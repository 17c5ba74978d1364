import Foundation

/// `scripts/testing/cutting_proxy.py` in front of a registry: a raw TCP relay on
/// 127.0.0.1 that cuts its first connection after a number of bytes and relays every later
/// connection untouched (see the script for the options).
final class CuttingProxy {
    let port: Int
    private let process: ServerProcess

    /// - Parameters:
    ///   - cutAfter: client-to-server bytes (TLS records included) before the first connection is cut.
    ///   - downstream: count server-to-client bytes instead.
    ///   - atNextRequest: wait for the server's answer and cut when the client sends again.
    ///   - dropping: connections after the cut to close at once, so an immediate reconnect fails too.
    init(to target: Int, cutAfter: Int, downstream: Bool = false, atNextRequest: Bool = false, dropping: Int = 0,
         in scratch: Scratch) throws {
        let portFile = scratch.path("proxy-\(UUID().uuidString.prefix(8)).port")
        var arguments = [ServerProcess.testingScript("cutting_proxy.py"), "--target-port", String(target), "--cut-after", String(cutAfter),
                         "--drop", String(dropping), "--port-file", portFile]
        if downstream { arguments.append("--downstream") }
        if atNextRequest { arguments.append("--at-next-request") }
        process = try ServerProcess("python3", arguments, scratch: scratch)
        port = try process.waitForPort(in: portFile)
    }

    deinit { process.stop() }

    /// What the proxy did, one line per event: "cut after N bytes", "dropped connection K".
    var events: [String] { process.output.split(separator: "\n").map(String.init) }

    var address: String { "127.0.0.1:\(port)" }

    /// `oci://127.0.0.1:PROXY/REPOSITORY[:TAG]`.
    func reference(_ repository: String, tag: String? = nil) -> String { "oci://\(address)/\(repository)\(tag.map { ":" + $0 } ?? "")" }
}
