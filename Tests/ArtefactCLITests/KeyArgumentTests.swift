import ArtefactCLI
import Foundation
import Testing

/// `--key env:VAR` and `--key -` for sign and verify: keys that never touch the disk in CI.
@Suite struct KeyArgumentTests {
    /// `artefact ARGUMENTS` in-process with `input` standing in for standard input.
    func artefact(_ arguments: [String], environment: [String: String] = [:], input: String) -> RunResult {
        let captured = CapturedOutput()
        let context = CommandContext(output: captured, environment: CommandEnvironment(environment),
                                     standardInput: Array(input.utf8))
        let status = ArtefactCommandLine.run(arguments, context: context)
        return RunResult(status: status, stdout: captured.output, stderr: captured.error)
    }

    /// Keys made by keygen, read into memory and their files removed, so only env:VAR or
    /// standard input can supply them.
    func keysInMemory(_ workspace: Workspace) throws -> (privatePEM: String, publicPEM: String) {
        let keys = try workspace.makeKeys()
        let pair = (try String(contentsOfFile: keys.privateKey, encoding: .utf8), try String(contentsOfFile: keys.publicKey, encoding: .utf8))
        try FileManager.default.removeItem(atPath: keys.privateKey)
        try FileManager.default.removeItem(atPath: keys.publicKey)
        return pair
    }

    @Test func signAndVerifyWithKeysFromEnvironmentVariables() throws {
        let workspace = try Workspace()
        let (privatePEM, publicPEM) = try keysInMemory(workspace)
        let model = try workspace.makeModel()
        let environment = Workspace.environment.merging(["CI_SIGNING_KEY": privatePEM, "CI_PUBLIC_KEY": publicPEM]) { $1 }
        let signed = ArtefactCLITests.artefact(["sign", model, "--key", "env:CI_SIGNING_KEY"], environment: environment)
        expectSuccess(signed)
        expectSuccess(ArtefactCLITests.artefact(["verify", model, "--key", "env:CI_PUBLIC_KEY"], environment: environment))
    }

    @Test func signAndVerifyWithKeysFromStandardInput() throws {
        let workspace = try Workspace()
        let (privatePEM, publicPEM) = try keysInMemory(workspace)
        let model = try workspace.makeModel()
        expectSuccess(artefact(["sign", model, "--key", "-"], environment: Workspace.environment, input: privatePEM))
        expectSuccess(artefact(["verify", model, "--key", "-"], input: publicPEM))
    }

    @Test func verifyRejectsAModelSignedByAnotherKeyFromTheEnvironment() throws {
        let workspace = try Workspace()
        let signed = try workspace.makeSignedModel()
        let other = try workspace.makeKeys("other")
        let otherPEM = try String(contentsOfFile: other.publicKey, encoding: .utf8)
        let result = ArtefactCLITests.artefact(["verify", signed.model, "--key", "env:OTHER"], environment: ["OTHER": otherPEM])
        #expect(result.status == 1, "stderr: \(result.stderr)")
    }

    @Test(arguments: ["sign", "verify"])
    func anUnsetVariableIsBadInputNamingIt(_ verb: String) throws {
        let workspace = try Workspace()
        let model = try workspace.makeModel()
        expectBadInput(ArtefactCLITests.artefact([verb, model, "--key", "env:CI_MISSING_KEY"], environment: Workspace.environment),
                       mentioning: ["CI_MISSING_KEY", "not set"])
    }

    @Test(arguments: ["sign", "verify"])
    func anEmptyVariableIsBadInputNamingIt(_ verb: String) throws {
        let workspace = try Workspace()
        let model = try workspace.makeModel()
        let environment = Workspace.environment.merging(["CI_EMPTY_KEY": ""]) { $1 }
        expectBadInput(ArtefactCLITests.artefact([verb, model, "--key", "env:CI_EMPTY_KEY"], environment: environment),
                       mentioning: ["CI_EMPTY_KEY", "empty"])
    }

    @Test func envWithoutAVariableNameIsBadInput() throws {
        let workspace = try Workspace()
        expectBadInput(ArtefactCLITests.artefact(["sign", try workspace.makeModel(), "--key", "env:"]), mentioning: ["variable name"])
    }

    @Test func emptyStandardInputIsBadInput() throws {
        let workspace = try Workspace()
        expectBadInput(artefact(["verify", try workspace.makeModel(), "--key", "-"], input: "\n"), mentioning: ["standard input was empty"])
    }

    @Test func standardInputCanBeReadForOneKeyOnly() throws {
        let workspace = try Workspace()
        let signed = try workspace.makeSignedModel()
        let publicPEM = try String(contentsOfFile: signed.publicKey, encoding: .utf8)
        expectBadInput(artefact(["verify", signed.model, "--key", "-", "--key", "-"], input: publicPEM),
                       mentioning: ["--key - was given more than once"])
    }

    @Test func anEncryptedKeyFromTheEnvironmentStillNeedsItsPassphrase() throws {
        let workspace = try Workspace()
        let (privatePEM, _) = try keysInMemory(workspace)
        let model = try workspace.makeModel()
        expectBadInput(ArtefactCLITests.artefact(["sign", model, "--key", "env:CI_SIGNING_KEY"], environment: ["CI_SIGNING_KEY": privatePEM]),
                       mentioning: ["environment variable CI_SIGNING_KEY is encrypted", "ARTEFACT_PASSPHRASE"])
        #expect(!workspace.exists("model/model.sig"))
    }

    @Test func aPublicKeyGivenToSignIsNamedBySource() throws {
        let workspace = try Workspace()
        let (_, publicPEM) = try keysInMemory(workspace)
        expectBadInput(artefact(["sign", try workspace.makeModel(), "--key", "-"], input: publicPEM),
                       mentioning: ["standard input is not a PEM private key"])
    }
}
