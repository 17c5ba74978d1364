@testable import ArtefactCLI
import ArtefactCore
import Foundation
import Testing

/// `KeyArgument.anyKindOfPrivateKey` / `anyKindOfPublicKey` (what `sign --format oms` and
/// `verify` use for EC keys) read through the same sources and passphrase paths as
/// `sign --key`: env:VAR, standard input, a file, ARTEFACT_PASSPHRASE and --passphrase-file.
@Suite struct AnyKindKeyArgumentTests {
    static let passphrase = "ec key passphrase"

    func encryptedECKey(_ curve: ECCurve) throws -> (key: ECPrivateKey, pem: String) {
        let key = try ECPrivateKey.generate(curve)
        let secret = try Array(Self.passphrase.utf8).withUnsafeBytes { try SecretBytes(copying: $0) }
        return (key, String(decoding: try PrivateKeyFile.pem(for: key, passphrase: secret), as: UTF8.self))
    }

    func inContext<Result>(environment: [String: String], input: String? = nil, _ body: () throws -> Result) rethrows -> Result {
        let context = CommandContext(output: CapturedOutput(), environment: CommandEnvironment(environment),
                                     standardInput: input.map { Array($0.utf8) })
        return try CommandContext.$current.withValue(context, operation: body)
    }

    @Test func anECKeyFromAnEnvironmentVariableWithThePassphraseInTheEnvironment() throws {
        let (key, pem) = try encryptedECKey(.p256)
        let read = try inContext(environment: ["EC_KEY": pem, "ARTEFACT_PASSPHRASE": Self.passphrase]) {
            try KeyArgument.anyKindOfPrivateKey("env:EC_KEY", passphraseFile: nil)
        }
        #expect(read.publicKey == .ecdsa(key.publicKey))
        #expect(read.kind == .ecP256)
    }

    @Test func anECKeyFromStandardInputWithAPassphraseFile() throws {
        let (key, pem) = try encryptedECKey(.p521)
        let workspace = try Workspace()
        let passphraseFile = workspace.path("pass.txt")
        try (Self.passphrase + "\n").write(toFile: passphraseFile, atomically: true, encoding: .utf8)
        let read = try inContext(environment: [:], input: pem) {
            try KeyArgument.anyKindOfPrivateKey("-", passphraseFile: passphraseFile)
        }
        #expect(read.publicKey == .ecdsa(key.publicKey))
    }

    @Test func aWrongPassphraseIsBadInput() throws {
        let (_, pem) = try encryptedECKey(.p384)
        #expect(throws: ArtefactError.badInput("environment variable EC_KEY: wrong passphrase, or the key file is damaged")) {
            try inContext(environment: ["EC_KEY": pem, "ARTEFACT_PASSPHRASE": "not it"]) {
                try KeyArgument.anyKindOfPrivateKey("env:EC_KEY", passphraseFile: nil)
            }
        }
    }

    @Test func publicKeysOfEitherKindFromAnEnvironmentVariable() throws {
        let ec = try ECPrivateKey.generate(.p384).publicKey
        let ed = try SigningKey.generate().publicKey
        let environment = ["EC_PUB": String(decoding: ec.pem, as: UTF8.self), "ED_PUB": String(decoding: ed.pem, as: UTF8.self)]
        let read = try inContext(environment: environment) {
            (try KeyArgument.anyKindOfPublicKey("env:EC_PUB"), try KeyArgument.anyKindOfPublicKey("env:ED_PUB"))
        }
        #expect(read.0 == .ecdsa(ec))
        #expect(read.1 == .ed25519(ed))
    }
}
