import Foundation
import Testing

/// `artefact key import` in-process: its command line, its JSON, and inputs made here
/// (no other tool needed) that must be refused before any work: not a key, a PEM key
/// already, and a minisign key asking for more scrypt than artefact allows.
@Suite struct KeyImportArgumentTests {
    /// A signify public key file: "Ed", an 8-byte key number, 32 bytes of key.
    static func signifyPublicKey() -> String {
        let blob = Data("Ed".utf8) + Data(repeating: 7, count: 8) + Data(repeating: 0x11, count: 32)
        return "untrusted comment: signify public key\n\(blob.base64EncodedString())\n"
    }

    @Test(arguments: [
        (["key"], "'key' needs a subcommand: import"),
        (["key", "imprt", "x"], "did you mean 'import'?"),
        (["key", "import"], "'key import' takes one key file"),
        (["key", "import", "a", "b", "--out", "k"], "'key import' takes one key file"),
    ])
    func malformedCommandLinesSayWhatIsMissing(_ arguments: [String], _ fragment: String) {
        expectBadInput(artefact(arguments), mentioning: [fragment])
    }

    @Test func withoutOutNothingIsRead() throws {
        let workspace = try Workspace()
        try workspace.write("s.pub", Self.signifyPublicKey())
        expectBadInput(artefact(["key", "import", workspace.path("s.pub")]), mentioning: ["needs --out PREFIX"])
        #expect(workspace.listing == ["s.pub"])
    }

    @Test func aPublicKeyWritesPrefixPubAloneAndReportsItsShape() throws {
        let workspace = try Workspace()
        try workspace.write("s.pub", Self.signifyPublicKey())
        let result = artefact(["key", "import", workspace.path("s.pub"), "--out", workspace.path("k"), "--json"])
        expectSuccess(result)
        let json = try jsonObject(result.stdout)
        #expect(Set(json.keys) == ["schemaVersion", "ok", "source", "format", "secret", "privateKey", "publicKey", "keyId",
                                   "encrypted", "comment"])
        #expect(json["format"] as? String == "signify")
        #expect(json["secret"] as? Bool == false)
        #expect(json["privateKey"] is NSNull && json["encrypted"] is NSNull)
        #expect(json["publicKey"] as? String == workspace.path("k.pub"))
        #expect((json["keyId"] as? String)?.count == 64)
        #expect(workspace.listing == ["k.pub", "s.pub"])
        let pem = String(decoding: try Data(contentsOf: URL(fileURLWithPath: workspace.path("k.pub"))), as: UTF8.self)
        #expect(pem.hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
    }

    @Test func filesThatAreNoKeyToImportAreNamed() throws {
        let workspace = try Workspace()
        let keys = try workspace.makeKeys()
        try workspace.write("junk", "hello\n")
        expectBadInput(artefact(["key", "import", keys.publicKey, "--out", workspace.path("k")]), mentioning: ["already a PEM key"])
        expectBadInput(artefact(["key", "import", workspace.path("junk"), "--out", workspace.path("k")]),
                       mentioning: ["is not an Ed25519 key file artefact imports"])
        #expect(!workspace.exists("k.pub"))
    }

    @Test func aMinisignKeyAskingForTooMuchScryptIsRefusedBeforeDeriving() throws {
        let workspace = try Workspace()
        var blob = Data("EdScB2".utf8) + Data(repeating: 1, count: 32)
        blob += Data([0, 0, 0, 0, 0, 1, 0, 0])  // ops 2^40, little-endian
        blob += Data([0, 0, 0, 0x40, 0, 0, 0, 0])  // memory 1 GiB
        blob += Data(repeating: 2, count: 104)
        try workspace.write("m.key", "untrusted comment: minisign encrypted secret key\n\(blob.base64EncodedString())\n")
        let result = artefact(["key", "import", workspace.path("m.key"), "--out", workspace.path("k")],
                              environment: ["ARTEFACT_SOURCE_PASSPHRASE": "x", "ARTEFACT_PASSPHRASE": "y"])
        expectBadInput(result, mentioning: ["a minisign secret key", "above artefact's limit"])
        #expect(!workspace.exists("k.key"))
    }
}
