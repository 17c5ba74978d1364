import Foundation
import Glibc

/// A helper program (a registry, a proxy, `openssl s_server`) running in the background
/// for one test, its output going to files in the scratch space. It is stopped by `stop()`
/// or, at the latest, when the value is released, so a failing test leaves nothing behind.
final class ServerProcess {
    let name: String
    private let process = Process()
    private let outputPath: String
    private let errorPath: String

    /// Starts `tool ARGUMENTS` (found on PATH) with the test's environment plus `environment`.
    init(_ tool: String, _ arguments: [String], environment: [String: String] = [:], scratch: Scratch) throws {
        name = tool
        let tag = UUID().uuidString.prefix(8)
        outputPath = scratch.path("\(tool)-\(tag).out")
        errorPath = scratch.path("\(tool)-\(tag).err")
        guard FileManager.default.createFile(atPath: outputPath, contents: nil),
              FileManager.default.createFile(atPath: errorPath, contents: nil)
        else { throw FixtureError("cannot create output files in \(scratch.url.path)") }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.currentDirectoryURL = scratch.url
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        try process.run()
    }

    deinit { stop() }

    /// What the program wrote so far.
    var output: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }
    var errorOutput: String { (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "" }

    /// Kills the program and waits for its end. SIGKILL, because a child inherits the test
    /// thread's signal mask, in which SIGTERM and SIGINT are blocked; nothing it leaves
    /// behind outlives the scratch directory anyway.
    func stop() {
        guard process.isRunning else { return }
        _ = kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Waits until something accepts TCP connections on 127.0.0.1:`port`; false if the
    /// program ends first or `seconds` pass.
    func waitUntilListening(on port: Int, upTo seconds: Double = 20) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            guard process.isRunning else { return false }
            if Self.accepts(port: port) { return true }
            usleep(20_000)
        }
        return false
    }

    /// The path of `scripts/testing/NAME` in this repository.
    static func testingScript(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/testing/\(name)").path
    }

    /// Waits until the program has written `file` (a port number, one line) and returns it.
    func waitForPort(in file: String, upTo seconds: Double = 20) throws -> Int {
        guard poll(upTo: seconds, until: { FileManager.default.fileExists(atPath: file) || !process.isRunning }),
              let text = try? String(contentsOfFile: file, encoding: .utf8),
              let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
        else { throw FixtureError("\(name) did not start: \(errorOutput)") }
        return port
    }

    /// A port on 127.0.0.1 that was free a moment ago (bound to port 0, then released).
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw FixtureError("socket: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw FixtureError("bind: \(String(cString: strerror(errno)))") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func accepts(port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
