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
        let scratch = try Scratch()
        let keys = try KeyPair.generate(in: scratch)
        let model = try scratch.makeModel()
        let before = listing(scratch.url.path)
        let result = try CLI.run(["sign", model, "--key", keys.privateKey] + bad.arguments, environment: KeyPair.environment)
        expectBadInput(result, mentioning: bad.fragments)
        #expect(listing(scratch.url.path) == before)
    }

    @Test func signWithoutAPathIsRefused() throws {
        let scratch = try Scratch()
        let keys = try KeyPair.generate(in: scratch)
        expectBadInput(try CLI.run(["sign", "--key", keys.privateKey], environment: KeyPair.environment),
                       mentioning: ["'sign' needs a model PATH"])
    }

    @Test func signOfAMissingPathIsRefused() throws {
        let scratch = try Scratch()
        let keys = try KeyPair.generate(in: scratch)
        let before = listing(scratch.url.path)
        let missing = scratch.path("no-such-model")
        expectBadInput(try CLI.run(["sign", missing, "--key", keys.privateKey], environment: KeyPair.environment),
                       mentioning: ["\(missing) does not exist"])
        #expect(listing(scratch.url.path) == before)
    }

    @Test func signWithoutAKeyIsRefused() throws {
        let scratch = try Scratch()
        let model = try scratch.makeModel()
        expectBadInput(try CLI.run(["sign", model]), mentioning: ["--key"])
        #expect(!scratch.exists("model/model.sig"))
    }

    @Test func verifyOfAMissingPathIsRefused() throws {
        let fixture = try SignedFixture.make()
        let missing = fixture.scratch.path("gone")
        expectBadInput(try CLI.run(["verify", missing, "--key", fixture.keys.publicKey]), mentioning: ["\(missing) does not exist"])
    }

    @Test func verifyWithoutAKeyIsRefused() throws {
        let fixture = try SignedFixture.make()
        expectBadInput(try CLI.run(["verify", fixture.model]), mentioning: ["--key"])
    }

    @Test(arguments: [["--jobs", "0"], ["--bogus"], ["--at", "yesterday"]])
    func badVerifyFlagIsRefused(_ arguments: [String]) throws {
        let fixture = try SignedFixture.make()
        expectBadInput(try fixture.verify(arguments), mentioning: [arguments[0]])
    }

    @Test func twoModelPathsAreRefused() throws {
        let fixture = try SignedFixture.make()
        expectBadInput(try CLI.run(["verify", fixture.model, fixture.model, "--key", fixture.keys.publicKey]),
                       mentioning: ["takes one"])
    }

    @Test func unknownCommandIsRefused() throws {
        expectBadInput(try CLI.run(["frobnicate"]), mentioning: ["unknown command 'frobnicate'"])
    }

    @Test func unknownHelpTopicIsRefused() throws {
        expectBadInput(try CLI.run(["help", "frobnicate"]), mentioning: ["'frobnicate'"])
    }
}
