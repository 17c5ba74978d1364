import Foundation
import Testing

/// Keys cross between artefact and the `openssl` command in both directions, and the key
/// id is the SHA-256 of the DER SubjectPublicKeyInfo.
@Suite struct OpenSSLInteropTests {
    static let passphraseEnvironment = KeyPair.environment

    @discardableResult
    static func openssl(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> CLIResult {
        let result = try CLI.runTool("openssl", arguments, environment: passphraseEnvironment)
        #expect(result.status == 0, "openssl \(arguments.joined(separator: " ")): \(result.stderr)", sourceLocation: sourceLocation)
        return result
    }

    @Test func opensslReadsOurKeys() throws {
        let scratch = try Scratch()
        let keys = try KeyPair.generate(in: scratch)
        try Self.openssl(["pkey", "-in", keys.privateKey, "-passin", "env:ARTEFACT_PASSPHRASE", "-noout"])
        try Self.openssl(["pkey", "-pubin", "-in", keys.publicKey, "-noout"])
        // The public half openssl derives from our private key is our public key.
        let derived = try Self.openssl(["pkey", "-in", keys.privateKey, "-passin", "env:ARTEFACT_PASSPHRASE", "-pubout"])
        #expect(derived.stdout == String(decoding: try Data(contentsOf: URL(fileURLWithPath: keys.publicKey)), as: UTF8.self))
        // And it really is encrypted: the wrong passphrase fails.
        let wrong = try CLI.runTool("openssl", ["pkey", "-in", keys.privateKey, "-passin", "pass:wrong", "-noout"])
        #expect(wrong.status != 0)
    }

    @Test func opensslUnencryptedKeySigns() throws {
        let scratch = try Scratch()
        try Self.openssl(["genpkey", "-algorithm", "ed25519", "-out", scratch.path("k.pem")])
        try Self.openssl(["pkey", "-in", scratch.path("k.pem"), "-pubout", "-out", scratch.path("k.pub")])
        let model = try scratch.makeModel()
        let signed = try CLI.run(["sign", model, "--key", scratch.path("k.pem")])
        #expect(signed.status == 0, "\(signed.stderr)")
        expectAccepted(try CLI.run(["verify", model, "--key", scratch.path("k.pub")]))
    }

    @Test func opensslEncryptedKeySigns() throws {
        let scratch = try Scratch()
        try Self.openssl(["genpkey", "-algorithm", "ed25519", "-aes-256-cbc", "-pass", "env:ARTEFACT_PASSPHRASE",
                          "-out", scratch.path("k.pem")])
        let pem = String(decoding: try scratch.read("k.pem"), as: UTF8.self)
        #expect(pem.contains("BEGIN ENCRYPTED PRIVATE KEY"))
        try Self.openssl(["pkey", "-in", scratch.path("k.pem"), "-passin", "env:ARTEFACT_PASSPHRASE", "-pubout",
                          "-out", scratch.path("k.pub")])
        let model = try scratch.makeModel()
        let signed = try CLI.run(["sign", model, "--key", scratch.path("k.pem")], environment: Self.passphraseEnvironment)
        #expect(signed.status == 0, "\(signed.stderr)")
        expectAccepted(try CLI.run(["verify", model, "--key", scratch.path("k.pub")]))
        // The public key openssl extracted is what a different signer's key is not.
        let other = try KeyPair.generate(in: scratch, name: "other")
        expectRejected(try CLI.run(["verify", model, "--key", other.publicKey]), check: "signature")
    }

    @Test func keyIDIsTheSHA256OfTheDERPublicKey() throws {
        let scratch = try Scratch()
        let made = try CLI.run(["keygen", "--out", scratch.path("k")], environment: KeyPair.environment)
        #expect(made.status == 0, "\(made.stderr)")
        let printed = try #require(made.stdout.split(separator: "\n").first { $0.hasPrefix("key id ") }?.dropFirst("key id ".count))
        try Self.openssl(["pkey", "-pubin", "-in", scratch.path("k.pub"), "-outform", "DER", "-out", scratch.path("k.der")])
        let sum = try CLI.runTool("sha256sum", [scratch.path("k.der")])
        let expected = try #require(sum.stdout.split(separator: " ").first)
        #expect(printed == expected)
        #expect(printed.count == 64)

        // sign and the bundle's signature name the same id.
        let model = try scratch.makeModel()
        let signed = try CLI.run(["sign", model, "--key", scratch.path("k.key")], environment: KeyPair.environment)
        #expect(signed.stdout.contains("key id \(expected)"))
        let claims = try jsonObject(try CLI.run(["inspect", "\(model)/model.sig", "--json"]).stdout)
        #expect(claims["signatureKeyIDs"] as? [String] == [String(expected)])
    }
}
