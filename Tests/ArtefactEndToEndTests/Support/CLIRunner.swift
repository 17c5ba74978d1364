import Foundation

/// What one run of the real `artefact` executable did.
struct CLIResult {
    let status: Int32
    let stdout: String
    let stderr: String

    /// The first line of stderr, where every error message goes.
    var errorLine: String { stderr.split(separator: "\n").first.map(String.init) ?? "" }
}

/// Runs the built `artefact` binary as a subprocess, the way a CI pipeline does.
enum CLI {
    /// The executable built beside this test bundle (the test target depends on it).
    static let executable: URL = {
        let runner = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return runner.deletingLastPathComponent().appendingPathComponent("artefact")
    }()

    /// Runs `artefact ARGUMENTS` with a clean environment plus `environment`.
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:], stdin: Data? = nil,
                    directory: URL? = nil) throws -> CLIResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var base = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LANG": "C.UTF-8"]
        base.merge(environment) { _, new in new }
        process.environment = base
        if let directory { process.currentDirectoryURL = directory }
        return try runCapturing(process, stdin: stdin)
    }

    /// Runs any program (openssl, python3, sha256sum) and captures its output.
    @discardableResult
    static func runTool(_ tool: String, _ arguments: [String], environment: [String: String] = [:],
                        directory: URL? = nil) throws -> CLIResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        var base = ProcessInfo.processInfo.environment
        base.merge(environment) { _, new in new }
        process.environment = base
        if let directory { process.currentDirectoryURL = directory }
        return try runCapturing(process, stdin: nil)
    }

    private static func runCapturing(_ process: Process, stdin: Data?) throws -> CLIResult {
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        // Read both pipes concurrently so a full pipe cannot stall the child.
        let errorData = LockedData()
        let reader = Thread { errorData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let outputData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorData.isSet { usleep(1000) }
        return CLIResult(status: process.terminationStatus,
                         stdout: String(decoding: outputData, as: UTF8.self),
                         stderr: String(decoding: errorData.value, as: UTF8.self))
    }
}

private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    func set(_ value: Data) { lock.lock(); data = value; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return data != nil }
    var value: Data { lock.lock(); defer { lock.unlock() }; return data ?? Data() }
}
