import Foundation
import Testing

/// `artefact keygen`: file modes, PEM forms, passphrase sources, and refusals that leave
/// nothing behind.
@Suite struct KeygenTests {
    static func permissions(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require((attributes[.posixPermissions] as? NSNumber)?.intValue)
    }

    static func text(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    @Test func privateKeyIsReadableByItsOwnerOnly() throws {
        let scratch = try Scratch()
        let keys = try KeyPair.generate(in: scratch)
        #expect(try Self.permissions(keys.privateKey) == 0o600)
        #expect(try Self.permissions(keys.publicKey) == 0o644)
    }

    @Test func defaultKeyIsEncryptedPKCS8() throws {
        let scratch = try Scratch()
        let result = try CLI.run(["keygen", "--out", scratch.path("k")], environment: KeyPair.environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("encrypted"))
        let pem = try Self.text(scratch.path("k.key"))
        #expect(pem.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"))
        #expect(!pem.contains("BEGIN PRIVATE KEY"))
        #expect(try Self.text(scratch.path("k.pub")).hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
    }

    @Test func unencryptedKeyIsPlainPKCS8AndStillPrivate() throws {
        let scratch = try Scratch()
        let result = try CLI.run(["keygen", "--out", scratch.path("k"), "--unencrypted"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("UNENCRYPTED"))
        #expect(try Self.text(scratch.path("k.key")).hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        #expect(try Self.permissions(scratch.path("k.key")) == 0o600)

        let model = try scratch.makeModel()
        #expect(try CLI.run(["sign", model, "--key", scratch.path("k.key")]).status == 0)
        expectAccepted(try CLI.run(["verify", model, "--key", scratch.path("k.pub")]))
    }

    @Test func passphraseFileEncryptsAndUnlocksTheKey() throws {
        let scratch = try Scratch()
        try scratch.write("passphrase.txt", "from a file\n")
        let passphraseFile = scratch.path("passphrase.txt")
        let made = try CLI.run(["keygen", "--out", scratch.path("k"), "--passphrase-file", passphraseFile])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(try Self.text(scratch.path("k.key")).hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----"))
        // The passphrase is the first line without its newline.
        let unlocked = try CLI.runTool("openssl", ["pkey", "-in", scratch.path("k.key"), "-passin", "pass:from a file", "-noout"])
        #expect(unlocked.status == 0, "\(unlocked.stderr)")

        let model = try scratch.makeModel()
        let signed = try CLI.run(["sign", model, "--key", scratch.path("k.key"), "--passphrase-file", passphraseFile])
        #expect(signed.status == 0, "\(signed.stderr)")
        expectAccepted(try CLI.run(["verify", model, "--key", scratch.path("k.pub")]))
    }

    @Test func keygenWithoutAPassphraseSourceWritesNothing() throws {
        let scratch = try Scratch()
        let result = try CLI.run(["keygen", "--out", scratch.path("k")])
        expectBadInput(result, mentioning: ["ARTEFACT_PASSPHRASE", "--unencrypted"])
        #expect(listing(scratch.url.path).isEmpty)
    }

    @Test(arguments: ["k.key", "k.pub"])
    func keygenNeverReplacesAKeyFile(existing: String) throws {
        let scratch = try Scratch()
        try scratch.write(existing, "precious\n")
        let result = try CLI.run(["keygen", "--out", scratch.path("k")], environment: KeyPair.environment)
        expectBadInput(result, mentioning: ["\(existing) already exists"])
        #expect(listing(scratch.url.path) == [existing])
        #expect(try scratch.read(existing) == Data("precious\n".utf8))
    }

    @Test func keygenWithoutOutIsRefused() throws {
        expectBadInput(try CLI.run(["keygen"], environment: KeyPair.environment), mentioning: ["--out"])
    }

    @Test func keygenIntoAMissingDirectoryWritesNothing() throws {
        let scratch = try Scratch()
        let result = try CLI.run(["keygen", "--out", scratch.path("absent/k")], environment: KeyPair.environment)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.errorLines.count == 1)
        #expect(listing(scratch.url.path).isEmpty)
    }

    @Test func eachKeygenMakesADifferentKey() throws {
        let scratch = try Scratch()
        let first = try KeyPair.generate(in: scratch, name: "a")
        let second = try KeyPair.generate(in: scratch, name: "b")
        #expect(try Self.text(first.publicKey) != Self.text(second.publicKey))
    }
}
