import Foundation
import Glibc
import Testing

/// One test's world for store and transfer tests: a signing key pair, an audit key pair,
/// policies that trust the signer, stores made with `artefact store init`, and signed
/// model versions. Every command runs the real binary with the keys' passphrase set.
final class StoreFixture {
    let scratch: Scratch
    let signer: KeyPair
    let auditKey: KeyPair

    init() throws {
        scratch = try Scratch()
        signer = try KeyPair.generate(in: scratch, name: "signer")
        auditKey = try KeyPair.generate(in: scratch, name: "audit")
    }

    func path(_ relative: String) -> String { scratch.path(relative) }

    /// `artefact ARGUMENTS` with the keys' passphrase (and `environment`) set.
    @discardableResult
    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CLIResult {
        try CLI.run(arguments, environment: KeyPair.environment.merging(environment) { _, new in new })
    }

    // MARK: Policies and stores

    /// Writes a policy for `environment` whose one rule trusts `signers` (this fixture's
    /// signer unless given), and returns its path. Unless `anchorAuditKey` is false, the
    /// policy anchors this fixture's audit key (`audit_key`), which stores made under it
    /// must then sign their checkpoints with.
    @discardableResult
    func writePolicy(_ name: String = "policy.json", environment: String = "prod", clearance: String = "internal",
                     signers: [KeyPair]? = nil, allowDowngrade: [String]? = nil, anchorAuditKey: Bool = true) throws -> String {
        let keys = signers ?? [signer]
        var named: [String: Any] = [:]
        for (index, key) in keys.enumerated() { named["signer\(index + 1)"] = ["key": key.publicKey] }
        var policy: [String: Any] = [
            "environment": environment, "clearance": clearance, "signers": named,
            "rules": [["models": "*", "signers": named.keys.sorted()]],
        ]
        if let allowDowngrade { policy["allow_downgrade"] = allowDowngrade }
        if anchorAuditKey { policy["audit_key"] = auditKey.publicKey }
        let data = try JSONSerialization.data(withJSONObject: policy, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        try scratch.write(name, data)
        return path(name)
    }

    /// Creates the store `name` for `environment` under `policy` (by default a fresh policy
    /// for that environment trusting the signer), with signed audit checkpoints unless
    /// `signedCheckpoints` is false. Returns the store's path.
    @discardableResult
    func makeStore(_ name: String, environment: String = "prod", policy: String? = nil,
                   signedCheckpoints: Bool = true) throws -> String {
        let policyPath = try policy ?? writePolicy("\(name)-policy.json", environment: environment, anchorAuditKey: signedCheckpoints)
        var arguments = ["store", "init", path(name), "--environment", environment, "--policy", policyPath]
        if signedCheckpoints { arguments += ["--audit-key", auditKey.privateKey] }
        let result = try run(arguments)
        guard result.status == 0 else { throw FixtureError("store init \(name) failed: \(result.stderr)") }
        return path(name)
    }

    // MARK: Models

    /// Makes the model directory `directory` (Scratch.makeModel: config, tokenizer, an empty
    /// file, weights and a symlink), lets `prepare` change it (it gets the directory's path),
    /// and signs it as `name`, at `version` when one is given.
    @discardableResult
    func signedModel(_ directory: String, name: String, version: String?, weightBytes: Int = 64 * 1024,
                     signArguments: [String] = [],
                     prepare: (String) throws -> Void = { _ in }) throws -> String {
        let model = try scratch.makeModel(directory, weightBytes: weightBytes)
        try prepare(model)
        var arguments = ["sign", model, "--key", signer.privateKey, "--name", name, "--quiet"] + signArguments
        if let version { arguments += ["--version", version] }
        let result = try run(arguments)
        guard result.status == 0 else { throw FixtureError("sign \(directory) failed: \(result.stderr)") }
        return model
    }

    /// Overwrites `relative` inside `model` with `text`.
    func overwrite(_ relative: String, in model: String, with text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: "\(model)/\(relative)"))
    }

    /// The total size of the regular files a model signs (everything but model.sig).
    func signedBytes(of model: String) throws -> Int64 {
        var total: Int64 = 0
        for relative in listing(model) where relative != "model.sig" {
            let attributes = try FileManager.default.attributesOfItem(atPath: "\(model)/\(relative)")
            if attributes[.type] as? FileAttributeType == .typeRegular { total += (attributes[.size] as? NSNumber)?.int64Value ?? 0 }
        }
        return total
    }

    // MARK: Transfers and what stores say

    /// `artefact transfer SOURCE DESTINATION` plus `extra`.
    @discardableResult
    func transfer(_ source: String, _ destination: String, _ extra: [String] = [],
                  environment: [String: String] = [:]) throws -> CLIResult {
        try run(["transfer", source, destination] + extra, environment: environment)
    }

    /// `transfer --json`, which must be accepted; the parsed outcome.
    @discardableResult
    func transferAccepted(_ source: String, _ destination: String, _ extra: [String] = [],
                          sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let result = try transfer(source, destination, extra + ["--json"])
        try #require(result.status == 0, "transfer \(source) → \(destination) failed with exit \(result.status): \(result.stderr)",
                     sourceLocation: sourceLocation)
        let outcome = try jsonObject(result.stdout, sourceLocation: sourceLocation)
        #expect(outcome["accepted"] as? Bool == true, sourceLocation: sourceLocation)
        return outcome
    }

    /// `store list --json`'s models.
    func listedModels(_ store: String) throws -> [[String: Any]] {
        let result = try run(["store", "list", store, "--json"])
        guard result.status == 0 else { throw FixtureError("store list failed: \(result.stderr)") }
        return try jsonObject(result.stdout)["models"] as? [[String: Any]] ?? []
    }

    /// The `name@version` of every model version a store lists, sorted.
    func labels(_ store: String) throws -> [String] {
        try listedModels(store).map { "\($0["name"] as? String ?? "?")@\($0["version"] as? String ?? "-")" }.sorted()
    }

    /// The model digest a store lists for `name@version`.
    func listedDigest(_ store: String, _ label: String) throws -> String? {
        try listedModels(store).first { "\($0["name"] as? String ?? "")@\($0["version"] as? String ?? "")" == label }?["modelDigest"] as? String
    }

    /// `audit show --json`'s entries.
    func auditEntries(_ store: String) throws -> [[String: Any]] {
        let result = try run(["audit", "show", store, "--json"])
        guard result.status == 0 else { throw FixtureError("audit show failed: \(result.stderr)") }
        let value = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        guard let entries = (value as? [String: Any])?["entries"] as? [[String: Any]] else {
            throw FixtureError("audit show --json has no entries array: \(result.stdout)")
        }
        return entries
    }

    /// `store verify --json`, parsed, with its exit status.
    func verifyStore(_ store: String) throws -> (status: Int32, report: [String: Any]) {
        let result = try run(["store", "verify", store, "--json"])
        return (result.status, try jsonObject(result.stdout))
    }

    /// The bytes of `store/index.json`, to check that nothing was published.
    func indexBytes(_ store: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: "\(store)/index.json")) }

    /// The names of the blob files in a store.
    func blobNames(_ store: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "\(store)/blobs/sha256")) ?? []).sorted()
    }

    /// The names in a store's staging directory.
    func stagingNames(_ store: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "\(store)/artefact/staging")) ?? []).sorted()
    }

    // MARK: Processes that run in the background or get killed

    /// Starts `artefact ARGUMENTS` without waiting for it.
    func start(_ arguments: [String], environment: [String: String] = [:]) throws -> BackgroundRun {
        try BackgroundRun(arguments, environment: KeyPair.environment.merging(environment) { _, new in new }, scratch: scratch)
    }
}

/// The real binary running in the background, its output going to files in the scratch
/// space (so no reader thread is needed and a kill cannot leave a pipe half read).
final class BackgroundRun {
    struct Ending {
        let reason: Process.TerminationReason
        let status: Int32
        let stdout: String
        let stderr: String

        /// Whether the process died of SIGKILL rather than exiting.
        var wasKilled: Bool { reason == .uncaughtSignal && status == SIGKILL }
    }

    let process = Process()
    private let outputPath: String
    private let errorPath: String

    init(_ arguments: [String], environment: [String: String], scratch: Scratch) throws {
        let name = UUID().uuidString
        outputPath = scratch.path("run-\(name).out")
        errorPath = scratch.path("run-\(name).err")
        for path in [outputPath, errorPath] where !FileManager.default.createFile(atPath: path, contents: nil) {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        process.executableURL = CLI.executable
        process.arguments = arguments
        var base = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LANG": "C.UTF-8"]
        base.merge(environment) { _, new in new }
        process.environment = base
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        try process.run()
    }

    var isRunning: Bool { process.isRunning }

    /// Sends SIGKILL, as `kill -9` would.
    func kill() { _ = Glibc.kill(process.processIdentifier, SIGKILL) }

    /// Waits for the end and collects the output. A run that outlives `timeout` seconds is
    /// killed and fails the test.
    func wait(timeout: Double = ChildDeadline.defaultSeconds) -> Ending {
        if !ChildDeadline.wait(for: process, upTo: timeout) {
            Issue.record(Comment(rawValue: ChildTimedOut(command: ["artefact"] + (process.arguments ?? []), seconds: timeout).description))
        }
        let read = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        return Ending(reason: process.terminationReason, status: process.terminationStatus, stdout: read(outputPath),
                      stderr: read(errorPath))
    }
}

/// Polls `condition` every millisecond until it holds or `seconds` pass; whether it held.
func poll(upTo seconds: Double = 60, until condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        usleep(1000)
    }
    return condition()
}

/// Flips every bit of the byte at `offset` in the file at `path`.
func flipByte(in path: String, at offset: Int) throws {
    var data = try Data(contentsOf: URL(fileURLWithPath: path))
    data[offset] ^= 0xFF
    try data.write(to: URL(fileURLWithPath: path))
}

/// Writes `count` deterministic pseudo-random bytes from `seed` to `path`.
func writeRandomFile(_ path: String, count: Int, seed: UInt64) throws {
    var generator = SplitMix64(seed: seed)
    var data = Data(count: count)
    data.withUnsafeMutableBytes { raw in
        var index = 0
        while index < raw.count {
            var word = generator.next()
            for _ in 0..<min(8, raw.count - index) {
                raw[index] = UInt8(truncatingIfNeeded: word)
                word >>= 8
                index += 1
            }
        }
    }
    try data.write(to: URL(fileURLWithPath: path))
}

/// The regular files, symlinks and directories of two trees are the same, byte for byte
/// and target for target. `ignoring` leaves names out of both sides.
func expectSameTree(_ actual: String, as expected: String, ignoring: Set<String> = [],
                    sourceLocation: SourceLocation = #_sourceLocation) throws {
    let expectedNames = listing(expected).filter { !ignoring.contains($0) }
    let actualNames = listing(actual).filter { !ignoring.contains($0) }
    #expect(actualNames == expectedNames, sourceLocation: sourceLocation)
    let manager = FileManager.default
    for name in expectedNames where actualNames.contains(name) {
        let want = try manager.attributesOfItem(atPath: "\(expected)/\(name)")[.type] as? FileAttributeType
        let got = try manager.attributesOfItem(atPath: "\(actual)/\(name)")[.type] as? FileAttributeType
        #expect(got == want, "\(name) is \(String(describing: got)), not \(String(describing: want))", sourceLocation: sourceLocation)
        switch want {
        case .typeSymbolicLink?:
            #expect(try manager.destinationOfSymbolicLink(atPath: "\(actual)/\(name)")
                        == manager.destinationOfSymbolicLink(atPath: "\(expected)/\(name)"),
                    "\(name) points elsewhere", sourceLocation: sourceLocation)
        case .typeRegular?:
            #expect(try Data(contentsOf: URL(fileURLWithPath: "\(actual)/\(name)"))
                        == Data(contentsOf: URL(fileURLWithPath: "\(expected)/\(name)")),
                    "\(name) differs", sourceLocation: sourceLocation)
        default:
            break
        }
    }
}

/// A JSON number as an integer (JSONSerialization hands numbers over as NSNumber).
func integer(_ value: Any?) -> Int64? { (value as? NSNumber)?.int64Value }
