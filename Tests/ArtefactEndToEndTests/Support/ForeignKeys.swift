import Foundation

/// Ed25519 key pairs made by other tools in a scratch directory, for `artefact key
/// import`: `ssh-keygen`, `minisign` and `signify-openbsd`, which scripts/test.sh installs.
/// A missing tool fails the fixture, and so the test.
struct ForeignKeyPair {
    let secretKey: String
    let publicKey: String
    /// The passphrase the secret key is encrypted with, if any.
    let passphrase: String?

    static let minisignPassphrase = "minisign pass phrase"

    /// `ssh-keygen -t ed25519`, unencrypted unless `passphrase` is given.
    static func openssh(in scratch: Scratch, name: String = "id_ed25519", passphrase: String? = nil, type: String = "ed25519") throws -> ForeignKeyPair {
        let path = scratch.path(name)
        try tool("ssh-keygen", ["-q", "-t", type, "-N", passphrase ?? "", "-C", "someone@example", "-f", path])
        return ForeignKeyPair(secretKey: path, publicKey: path + ".pub", passphrase: passphrase)
    }

    /// `minisign -G`, the passphrase typed on standard input as minisign reads it (twice),
    /// or `minisign -G -W` for an unencrypted key.
    static func minisign(in scratch: Scratch, name: String = "minisign", encrypted: Bool = true) throws -> ForeignKeyPair {
        let secret = scratch.path(name + ".key")
        let public_ = scratch.path(name + ".pub")
        let passphrase = encrypted ? minisignPassphrase : nil
        let input = passphrase.map { "printf '%s\\n%s\\n' '\($0)' '\($0)' | " } ?? ""
        try tool("bash", ["-c", "set -o pipefail; \(input)minisign -G \(encrypted ? "" : "-W ")-p '\(public_)' -s '\(secret)'"])
        return ForeignKeyPair(secretKey: secret, publicKey: public_, passphrase: passphrase)
    }

    /// `signify-openbsd -G -n`: an unencrypted signify key pair.
    static func signify(in scratch: Scratch, name: String = "signify") throws -> ForeignKeyPair {
        let secret = scratch.path(name + ".sec")
        let public_ = scratch.path(name + ".pub")
        try tool("signify-openbsd", ["-G", "-n", "-p", public_, "-s", secret])
        return ForeignKeyPair(secretKey: secret, publicKey: public_, passphrase: nil)
    }

    private static func tool(_ name: String, _ arguments: [String]) throws {
        let result = try CLI.runTool(name, arguments)
        guard result.status == 0 else {
            throw FixtureError("\(name) failed (exit \(result.status); is it installed? scripts/test.sh installs it): \(result.stderr)")
        }
    }
}

/// Edits the base64 key line (the last non-empty line) of a minisign or signify key file.
func editKeyLine(_ path: String, _ edit: (inout [UInt8]) -> Void) throws {
    let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    var lines = text.split(separator: "\n").map(String.init)
    guard let decoded = Data(base64Encoded: lines[lines.count - 1]) else { throw FixtureError("\(path): the key line is not base64") }
    var bytes = [UInt8](decoded)
    edit(&bytes)
    lines[lines.count - 1] = Data(bytes).base64EncodedString()
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
}
