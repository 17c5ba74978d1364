import Foundation
import Testing

/// `artefact keygen --type ec-p256|ec-p384|ec-p521`: encrypted PKCS#8 that `openssl pkey`
/// reads with the passphrase (and only with it), 0600 private files, SubjectPublicKeyInfo
/// public files, a key id that is the SHA-256 of the DER OpenSSL derives, and keys
/// model_signing signs and verifies with.
@Suite struct ECKeygenTests {
    struct Curve: Sendable, CustomTestStringConvertible {
        let type: String
        /// What `openssl pkey -text` prints for the curve.
        let nistName: String
        var testDescription: String { type }
    }

    static let curves = [
        Curve(type: "ec-p256", nistName: "NIST CURVE: P-256"),
        Curve(type: "ec-p384", nistName: "NIST CURVE: P-384"),
        Curve(type: "ec-p521", nistName: "NIST CURVE: P-521"),
    ]

    static func permissions(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require((attributes[.posixPermissions] as? NSNumber)?.intValue)
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test(arguments: curves)
    func encryptedECKeyIsReadByOpenSSLWithItsPassphraseOnly(curve: Curve) throws {
        let scratch = try Scratch()
        try scratch.write("pass.txt", "ec passphrase\n")
        try scratch.write("wrong.txt", "not it\n")
        let made = try CLI.run(["keygen", "--out", scratch.path("k"), "--type", curve.type, "--json",
                                "--passphrase-file", scratch.path("pass.txt")])
        #expect(made.status == 0, "\(made.stderr)")
        let document = try Self.json(made.stdout)
        #expect(document["type"] as? String == curve.type)
        #expect(document["encrypted"] as? Bool == true)

        #expect(try Self.permissions(scratch.path("k.key")) == 0o600)
        #expect(try Self.permissions(scratch.path("k.pub")) == 0o644)
        let privatePEM = String(decoding: try scratch.read("k.key"), as: UTF8.self)
        #expect(privatePEM.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"))
        #expect(String(decoding: try scratch.read("k.pub"), as: UTF8.self).hasPrefix("-----BEGIN PUBLIC KEY-----\n"))

        // The passphrase reaches openssl through a file, never argv; the file's first line is it.
        let opened = try CLI.runTool("openssl", ["pkey", "-in", scratch.path("k.key"), "-passin", "file:" + scratch.path("pass.txt"),
                                                 "-noout", "-text"])
        #expect(opened.status == 0, "\(opened.stderr)")
        #expect(opened.stdout.contains(curve.nistName), "\(opened.stdout.prefix(300))")
        let refused = try CLI.runTool("openssl", ["pkey", "-in", scratch.path("k.key"), "-passin", "file:" + scratch.path("wrong.txt"),
                                                  "-noout"])
        #expect(refused.status != 0)

        // The public file is the private key's public half, and the key id is the SHA-256 of
        // the DER SubjectPublicKeyInfo as OpenSSL derives it.
        let derived = try CLI.runTool("openssl", ["pkey", "-in", scratch.path("k.key"), "-passin", "env:EC_PASS", "-pubout",
                                                  "-out", scratch.path("derived.pub")], environment: ["EC_PASS": "ec passphrase"])
        #expect(derived.status == 0, "\(derived.stderr)")
        #expect(try scratch.read("derived.pub") == scratch.read("k.pub"))
        let der = try CLI.runTool("openssl", ["pkey", "-pubin", "-in", scratch.path("k.pub"), "-outform", "DER",
                                              "-out", scratch.path("k.der")])
        #expect(der.status == 0, "\(der.stderr)")
        let digest = try CLI.runTool("sha256sum", [scratch.path("k.der")])
        #expect(digest.stdout.split(separator: " ").first.map(String.init) == document["keyId"] as? String)
        let publicText = try CLI.runTool("openssl", ["pkey", "-pubin", "-in", scratch.path("k.pub"), "-noout", "-text"])
        #expect(publicText.stdout.contains(curve.nistName))
    }

    @Test func wrongPassphraseForAnECKeyIsBadInput() throws {
        let scratch = try Scratch()
        try scratch.write("wrong.txt", "not it\n")
        #expect(try CLI.run(["keygen", "--out", scratch.path("k"), "--type", "ec-p256"], environment: KeyPair.environment).status == 0)
        let model = try scratch.makeModel()
        let signed = try CLI.run(["sign", model, "--key", scratch.path("k.key"), "--passphrase-file", scratch.path("wrong.txt")])
        expectBadInput(signed, mentioning: ["k.key: wrong passphrase"])
        #expect(!scratch.exists("model/model.sig"))
    }

    /// Without --format oms an EC key is refused for artefact's own bundles, saying what to do.
    @Test func anECKeyOnAnEd25519PathSaysWhatToDo() throws {
        let scratch = try Scratch()
        #expect(try CLI.run(["keygen", "--out", scratch.path("k"), "--type", "ec-p384"], environment: KeyPair.environment).status == 0)
        let model = try scratch.makeModel()
        let signed = try CLI.run(["sign", model, "--key", scratch.path("k.key")], environment: KeyPair.environment)
        expectBadInput(signed, mentioning: ["is an EC P-384 key, not an Ed25519 key", "add --format oms"])
        #expect(!scratch.exists("model/model.sig"))
    }

    @Test func unencryptedECKeyIsPlainPKCS8AndModelSigningUsesIt() throws {
        let scratch = try Scratch()
        let made = try CLI.run(["keygen", "--out", scratch.path("k"), "--type", "ec-p256", "--unencrypted"])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("ec-p256, UNENCRYPTED"))
        #expect(String(decoding: try scratch.read("k.key"), as: UTF8.self).hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        #expect(try Self.permissions(scratch.path("k.key")) == 0o600)

        let model = try scratch.makeModel()
        let signature = scratch.path("oms.sig")
        let signed = try OMSTools.runModelSigning(["sign", "key", model, "--allow_symlinks", "--private_key", scratch.path("k.key"), "--signature", signature])
        #expect(signed.status == 0, "\(signed.stdout)\(signed.stderr)")
        let verified = try OMSTools.runModelSigning(["verify", "key", model, "--allow_symlinks", "--signature", signature, "--public_key", scratch.path("k.pub")])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    }

    @Test func defaultTypeIsEd25519AndAnUnknownTypeWritesNothing() throws {
        let scratch = try Scratch()
        let made = try CLI.run(["keygen", "--out", scratch.path("k"), "--json"], environment: KeyPair.environment)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(try Self.json(made.stdout)["type"] as? String == "ed25519")
        let text = try CLI.runTool("openssl", ["pkey", "-pubin", "-in", scratch.path("k.pub"), "-noout", "-text"])
        #expect(text.stdout.contains("ED25519"))

        let refused = try CLI.run(["keygen", "--out", scratch.path("x"), "--type", "rsa"], environment: KeyPair.environment)
        expectBadInput(refused, mentioning: ["--type rsa is not a key type", "ec-p256"])
        #expect(!scratch.exists("x.key") && !scratch.exists("x.pub"))
    }
}
