import Foundation

/// A key pair made by `artefact keygen` in a scratch directory.
struct KeyPair {
    let privateKey: String
    let publicKey: String
    static let passphrase = "correct horse battery staple"
    static var environment: [String: String] { ["ARTEFACT_PASSPHRASE": passphrase] }

    /// Generates a key pair named `name` under `scratch` (encrypted with `passphrase`).
    static func generate(in scratch: Scratch, name: String = "signer") throws -> KeyPair {
        let prefix = scratch.path(name)
        let result = try CLI.run(["keygen", "--out", prefix], environment: environment)
        guard result.status == 0 else { throw FixtureError("keygen failed: \(result.stderr)") }
        return KeyPair(privateKey: prefix + ".key", publicKey: prefix + ".pub")
    }
}

/// A signed model ready for tampering: model directory, key pair and scratch space.
struct SignedFixture {
    let scratch: Scratch
    let model: String
    let keys: KeyPair

    static func make(signArguments: [String] = []) throws -> SignedFixture {
        let scratch = try Scratch()
        let keys = try KeyPair.generate(in: scratch)
        let model = try scratch.makeModel()
        let result = try CLI.run(["sign", model, "--key", keys.privateKey] + signArguments, environment: KeyPair.environment)
        guard result.status == 0 else { throw FixtureError("sign failed: \(result.stderr)") }
        return SignedFixture(scratch: scratch, model: model, keys: keys)
    }

    /// `artefact verify MODEL --key PUB` plus `extra`.
    func verify(_ extra: [String] = []) throws -> CLIResult {
        try CLI.run(["verify", model, "--key", keys.publicKey] + extra)
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
