import Foundation

/// A temporary directory for one test, removed when the value is released, with a small
/// model and keys made by in-process runs.
final class Workspace {
    let url: URL
    static let passphrase = "correct horse battery staple"
    static var environment: [String: String] { ["ARTEFACT_PASSPHRASE": passphrase] }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("artefact-cli-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }

    func write(_ relative: String, _ text: String) throws {
        let target = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: target)
    }

    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

    /// Every name under the workspace, sorted: for checking that nothing was written.
    var listing: [String] { (FileManager.default.subpaths(atPath: url.path) ?? []).sorted() }

    /// A model directory of three files (one in a folder) and a symlink `latest.json`
    /// to `config.json`; returns its path.
    func makeModel(_ relative: String = "model") throws -> String {
        try write("\(relative)/config.json", #"{"layers":2}"#)
        try write("\(relative)/tokenizer/vocab.json", #"{"a":0}"#)
        try write("\(relative)/weights.bin", String(repeating: "w", count: 4096))
        try FileManager.default.createSymbolicLink(atPath: path("\(relative)/latest.json"), withDestinationPath: "config.json")
        return path(relative)
    }

    /// `artefact keygen --out PREFIX` in-process, encrypted with `passphrase`; returns the
    /// private and public key paths.
    func makeKeys(_ name: String = "signer") throws -> (privateKey: String, publicKey: String) {
        let prefix = path(name)
        let result = artefact(["keygen", "--out", prefix], environment: Self.environment)
        guard result.status == 0 else { throw WorkspaceError(description: "keygen failed: \(result.stderr)") }
        return (prefix + ".key", prefix + ".pub")
    }

    /// A model signed in-process with `signArguments`; returns the model, public key and
    /// bundle paths.
    func makeSignedModel(signArguments: [String] = []) throws -> (model: String, publicKey: String, bundle: String) {
        let keys = try makeKeys()
        let model = try makeModel()
        let result = artefact(["sign", model, "--key", keys.privateKey] + signArguments, environment: Self.environment)
        guard result.status == 0 else { throw WorkspaceError(description: "sign failed: \(result.stderr)") }
        return (model, keys.publicKey, model + "/model.sig")
    }
}

struct WorkspaceError: Error, CustomStringConvertible {
    let description: String
}
