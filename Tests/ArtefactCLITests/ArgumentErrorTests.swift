import Foundation
import Testing

/// Malformed command lines: exit 2, one line naming the problem, and nothing written.
@Suite struct ArgumentErrorTests {
    /// One bad `sign` invocation and the words its message must hold.
    struct BadSign: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let fragments: [String]
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let badSigns: [BadSign] = [
        BadSign(arguments: ["--bogus"], fragments: ["unknown flag --bogus", "'sign'"]),
        BadSign(arguments: ["--classification", "secret"], fragments: ["unknown classification \"secret\""]),
        BadSign(arguments: ["--classification", "Public"], fragments: ["unknown classification \"Public\""]),
        BadSign(arguments: ["--expires", "garbage"], fragments: ["--expires", "\"garbage\""]),
        BadSign(arguments: ["--expires", "2027-02-31"], fragments: ["--expires"]),
        BadSign(arguments: ["--expires", "0d"], fragments: ["--expires"]),
        BadSign(arguments: ["--jobs", "0"], fragments: ["--jobs", "\"0\""]),
        BadSign(arguments: ["--jobs", "many"], fragments: ["--jobs", "\"many\""]),
        BadSign(arguments: ["--shard-size", "10"], fragments: ["shard size 10 is below the minimum"]),
        BadSign(arguments: ["--shard-size", "1X"], fragments: ["--shard-size", "\"1X\""]),
        BadSign(arguments: ["--name", "two\nlines"], fragments: ["name"]),
        BadSign(arguments: ["--ignore", ""], fragments: ["ignore pattern"]),
        BadSign(arguments: ["--version", "1", "--version", "2"], fragments: ["--version was given twice"]),
        BadSign(arguments: ["--jobs"], fragments: ["--jobs needs a value"]),
    ]

    @Test(arguments: badSigns)
    func badSignFlagIsRefusedBeforeAnythingIsWritten(_ bad: BadSign) throws {
        let workspace = try Workspace()
        let keys = try workspace.makeKeys()
        let model = try workspace.makeModel()
        let before = workspace.listing
        let result = artefact(["sign", model, "--key", keys.privateKey] + bad.arguments, environment: Workspace.environment)
        expectBadInput(result, mentioning: bad.fragments)
        #expect(workspace.listing == before)
    }

    @Test func signWithoutAPathIsRefused() throws {
        let workspace = try Workspace()
        let keys = try workspace.makeKeys()
        expectBadInput(artefact(["sign", "--key", keys.privateKey], environment: Workspace.environment),
                       mentioning: ["'sign' needs a model PATH"])
    }

    @Test func signOfAMissingPathIsRefused() throws {
        let workspace = try Workspace()
        let keys = try workspace.makeKeys()
        let before = workspace.listing
        let missing = workspace.path("no-such-model")
        expectBadInput(artefact(["sign", missing, "--key", keys.privateKey], environment: Workspace.environment),
                       mentioning: ["\(missing) does not exist"])
        #expect(workspace.listing == before)
    }

    @Test func signWithoutAKeyIsRefused() throws {
        let workspace = try Workspace()
        let model = try workspace.makeModel()
        expectBadInput(artefact(["sign", model]), mentioning: ["--key"])
        #expect(!workspace.exists("model/model.sig"))
    }

    @Test func verifyOfAMissingPathIsRefused() throws {
        let workspace = try Workspace()
        let signed = try workspace.makeSignedModel()
        let missing = workspace.path("gone")
        expectBadInput(artefact(["verify", missing, "--key", signed.publicKey]), mentioning: ["\(missing) does not exist"])
    }

    @Test func verifyWithoutAKeyIsRefused() throws {
        let workspace = try Workspace()
        let signed = try workspace.makeSignedModel()
        expectBadInput(artefact(["verify", signed.model]), mentioning: ["--key"])
    }

    @Test(arguments: [["--jobs", "0"], ["--bogus"], ["--at", "yesterday"]])
    func badVerifyFlagIsRefused(_ arguments: [String]) throws {
        let workspace = try Workspace()
        let signed = try workspace.makeSignedModel()
        expectBadInput(artefact(["verify", signed.model, "--key", signed.publicKey] + arguments), mentioning: [arguments[0]])
    }

    @Test func twoModelPathsAreRefused() throws {
        let workspace = try Workspace()
        let signed = try workspace.makeSignedModel()
        expectBadInput(artefact(["verify", signed.model, signed.model, "--key", signed.publicKey]), mentioning: ["takes one"])
    }

    @Test func unknownCommandIsRefused() {
        expectBadInput(artefact(["frobnicate"]), mentioning: ["unknown command 'frobnicate'"])
    }

    @Test func unknownHelpTopicIsRefused() {
        expectBadInput(artefact(["help", "frobnicate"]), mentioning: ["'frobnicate'"])
    }

    @Test func anEmptyPassphraseVariableIsRefusedNotIgnored() throws {
        let workspace = try Workspace()
        let before = workspace.listing
        expectBadInput(artefact(["keygen", "--out", workspace.path("k")], environment: ["ARTEFACT_PASSPHRASE": ""]),
                       mentioning: ["ARTEFACT_PASSPHRASE is set but empty"])
        #expect(workspace.listing == before)
    }

    @Test func keygenWithNoPassphraseSourceAndNoTerminalIsRefused() throws {
        let workspace = try Workspace()
        expectBadInput(artefact(["keygen", "--out", workspace.path("k")]),
                       mentioning: ["keygen needs a passphrase to encrypt the key"])
        #expect(workspace.listing.isEmpty)
    }
}
