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

    /// Runs `artefact ARGUMENTS` with a clean environment plus `environment`; a run that
    /// outlives `timeout` seconds is killed and throws `ChildTimedOut`.
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:], stdin: Data? = nil,
                    directory: URL? = nil, timeout: Double = ChildDeadline.defaultSeconds) throws -> CLIResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var base = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LANG": "C.UTF-8"]
        base.merge(environment) { _, new in new }
        process.environment = base
        if let directory { process.currentDirectoryURL = directory }
        return try runCapturing(process, stdin: stdin, timeout: timeout)
    }

    /// Runs any program (openssl, python3, sha256sum) and captures its output; killed and
    /// `ChildTimedOut` after `timeout` seconds.
    @discardableResult
    static func runTool(_ tool: String, _ arguments: [String], environment: [String: String] = [:],
                        directory: URL? = nil, timeout: Double = ChildDeadline.defaultSeconds) throws -> CLIResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        var base = ProcessInfo.processInfo.environment
        base.merge(environment) { _, new in new }
        process.environment = base
        if let directory { process.currentDirectoryURL = directory }
        return try runCapturing(process, stdin: nil, timeout: timeout)
    }

    private static func runCapturing(_ process: Process, stdin: Data?, timeout: Double) throws -> CLIResult {
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        // Feed stdin and drain both pipes on threads of their own, so neither a child that
        // never reads nor one that fills a pipe can stall the test past its deadline.
        let writer = Thread {
            if let stdin { input.fileHandleForWriting.write(stdin) }
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let outputData = Drained(out)
        let errorData = Drained(err)
        guard ChildDeadline.wait(for: process, upTo: timeout) else {
            throw ChildTimedOut(command: [process.executableURL?.lastPathComponent ?? "?"] + (process.arguments ?? []),
                                seconds: timeout)
        }
        return CLIResult(status: process.terminationStatus,
                         stdout: String(decoding: outputData.value(), as: UTF8.self),
                         stderr: String(decoding: errorData.value(), as: UTF8.self))
    }
}

/// A pipe read to its end on a thread of its own.
private final class Drained: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ pipe: Pipe) {
        Thread { [self] in
            data = pipe.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }.start()
    }

    /// Everything the pipe carried, once the writer has closed it. `data` is written once,
    /// before the signal, and read only after it.
    func value() -> Data {
        done.wait()
        return data
    }
}
