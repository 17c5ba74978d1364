import Foundation
import Testing

/// `artefact key import`: keys made by ssh-keygen, minisign and signify-openbsd become
/// artefact keys that sign, the original public key imported the same way verifies, and
/// both halves give one key id; damaged, truncated, tampered and wrong-passphrase files
/// are bad input with nothing written; `--key` names those formats and points at import.
@Suite struct KeyImportTests {
    static let newPassphrase = ["ARTEFACT_PASSPHRASE": KeyPair.passphrase]

    /// Imports `keys`' secret and public halves, signs a model with the first and verifies
    /// with the second; returns the key id both reported.
    @discardableResult
    static func expectRoundTrip(_ keys: ForeignKeyPair, format: String, in scratch: Scratch) throws -> String {
        var environment = newPassphrase
        if let passphrase = keys.passphrase { environment["ARTEFACT_SOURCE_PASSPHRASE"] = passphrase }
        let secret = try CLI.run(["key", "import", keys.secretKey, "--out", scratch.path("imported"), "--json"], environment: environment)
        #expect(secret.status == 0, "\(secret.stderr)")
        let secretJSON = try jsonObject(secret.stdout)
        #expect(secretJSON["format"] as? String == format)
        #expect(secretJSON["secret"] as? Bool == true)
        #expect(secretJSON["encrypted"] as? Bool == true)
        #expect(secretJSON["privateKey"] as? String == scratch.path("imported.key"))
        let pem = String(decoding: try scratch.read("imported.key"), as: UTF8.self)
        #expect(pem.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"))
        #expect(try KeygenTests.permissions(scratch.path("imported.key")) == 0o600)

        let public_ = try CLI.run(["key", "import", keys.publicKey, "--out", scratch.path("original", ), "--json"])
        #expect(public_.status == 0, "\(public_.stderr)")
        let publicJSON = try jsonObject(public_.stdout)
        #expect(publicJSON["secret"] as? Bool == false)
        #expect(publicJSON["privateKey"] is NSNull)
        #expect(publicJSON["encrypted"] is NSNull)
        #expect(!scratch.exists("original.key"))
        let keyID = try #require(secretJSON["keyId"] as? String)
        #expect(publicJSON["keyId"] as? String == keyID)

        let model = try scratch.makeModel(weightBytes: 1024)
        let signed = try CLI.run(["sign", model, "--key", scratch.path("imported.key")], environment: newPassphrase)
        #expect(signed.status == 0, "\(signed.stderr)")
        expectAccepted(try CLI.run(["verify", model, "--key", scratch.path("original.pub")]))
        // And not with some other key: the verification above is the original's.
        let other = try KeyPair.generate(in: scratch, name: "other")
        #expect(try CLI.run(["verify", model, "--key", other.publicKey]).status == 1)
        return keyID
    }

    /// The binary inside an OpenSSH private key's armour.
    static func opensshBlob(_ path: String) throws -> [UInt8] {
        let body = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
            .split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        return [UInt8](try #require(Data(base64Encoded: body)))
    }

    /// Writes `bytes` in OpenSSH's armour to `name` in `scratch`.
    static func writeOpenSSH(_ bytes: [UInt8], to scratch: Scratch, as name: String) throws {
        try scratch.write(name, "-----BEGIN OPENSSH PRIVATE KEY-----\n\(Data(bytes).base64EncodedString(options: .lineLength64Characters))\n"
            + "-----END OPENSSH PRIVATE KEY-----\n")
    }

    @Test func opensshKeySignsAndItsPublicKeyVerifies() throws {
        let scratch = try Scratch()
        try Self.expectRoundTrip(try .openssh(in: scratch), format: "openssh", in: scratch)
    }

    @Test func encryptedMinisignKeySignsAndItsPublicKeyVerifies() throws {
        let scratch = try Scratch()
        try Self.expectRoundTrip(try .minisign(in: scratch), format: "minisign", in: scratch)
    }

    @Test func unencryptedMinisignKeySignsAndItsPublicKeyVerifies() throws {
        let scratch = try Scratch()
        try Self.expectRoundTrip(try .minisign(in: scratch, encrypted: false), format: "minisign", in: scratch)
    }

    @Test func signifyKeySignsAndItsPublicKeyVerifies() throws {
        let scratch = try Scratch()
        try Self.expectRoundTrip(try .signify(in: scratch), format: "signify", in: scratch)
    }

    @Test func unencryptedImportIsPlainPKCS8() throws {
        let scratch = try Scratch()
        let keys = try ForeignKeyPair.openssh(in: scratch)
        let result = try CLI.run(["key", "import", keys.secretKey, "--out", scratch.path("k"), "--unencrypted"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("UNENCRYPTED"))
        #expect(String(decoding: try scratch.read("k.key"), as: UTF8.self).hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        #expect(try KeygenTests.permissions(scratch.path("k.key")) == 0o600)
        // openssl reads what was written, and finds the key ssh-keygen made.
        let derived = try CLI.runTool("openssl", ["pkey", "-in", scratch.path("k.key"), "-pubout"])
        #expect(derived.stdout == String(decoding: try scratch.read("k.pub"), as: UTF8.self))
    }

    @Test func wrongMinisignPassphraseIsBadInputAndWritesNothing() throws {
        let scratch = try Scratch()
        let keys = try ForeignKeyPair.minisign(in: scratch)
        let result = try CLI.run(["key", "import", keys.secretKey, "--out", scratch.path("k")],
                                 environment: Self.newPassphrase.merging(["ARTEFACT_SOURCE_PASSPHRASE": "not it"]) { $1 })
        expectBadInput(result, mentioning: ["wrong passphrase"])
        #expect(!scratch.exists("k.key") && !scratch.exists("k.pub"))
    }

    @Test func encryptedMinisignKeyWithoutASourcePassphraseSaysWhereToGiveIt() throws {
        let scratch = try Scratch()
        let keys = try ForeignKeyPair.minisign(in: scratch)
        let result = try CLI.run(["key", "import", keys.secretKey, "--out", scratch.path("k")], environment: Self.newPassphrase)
        expectBadInput(result, mentioning: ["ARTEFACT_SOURCE_PASSPHRASE", "--source-passphrase-file"])
        #expect(!scratch.exists("k.key"))
    }

    @Test func tamperedMinisignChecksumIsRefused() throws {
        let scratch = try Scratch()
        let keys = try ForeignKeyPair.minisign(in: scratch)
        try editKeyLine(keys.secretKey) { $0[$0.count - 1] ^= 0x01 }
        let result = try CLI.run(["key", "import", keys.secretKey, "--out", scratch.path("k")],
                                 environment: Self.newPassphrase.merging(["ARTEFACT_SOURCE_PASSPHRASE": keys.passphrase!]) { $1 })
        expectBadInput(result, mentioning: ["checksum"])
        #expect(!scratch.exists("k.key"))
    }

    @Test func tamperedSignifyChecksumIsRefused() throws {
        let scratch = try Scratch()
        let keys = try ForeignKeyPair.signify(in: scratch)
        try editKeyLine(keys.secretKey) { $0[24] ^= 0x01 }  // the first checksum byte
        expectBadInput(try CLI.run(["key", "import", keys.secretKey, "--out", scratch.path("k"), "--unencrypted"]),
                       mentioning: ["signify secret key", "checksum does not match"])
    }

    @Test func encryptedSignifyKeyIsRefusedWithAWayOut() throws {
        let scratch = try Scratch()
        let keys = try ForeignKeyPair.signify(in: scratch)
        try editKeyLine(keys.secretKey) { $0[7] = 42 }  // rounds: an encrypted key's layout
        expectBadInput(try CLI.run(["key", "import", keys.secretKey, "--out", scratch.path("k"), "--unencrypted"]),
                       mentioning: ["encrypted signify secret key", "bcrypt_pbkdf", "signify-openbsd -G -n"])
    }

    @Test func encryptedOpenSSHKeySignsAndItsPublicKeyVerifies() throws {
        let scratch = try Scratch()
        try Self.expectRoundTrip(try .openssh(in: scratch, passphrase: "ssh pass phrase"), format: "openssh", in: scratch)
    }

    @Test func wrongOpenSSHPassphraseIsBadInputAndWritesNothing() throws {
        let scratch = try Scratch()
        let keys = try ForeignKeyPair.openssh(in: scratch, passphrase: "ssh pass phrase")
        try scratch.write("wrong.txt", "not it\n")
        let result = try CLI.run(["key", "import", keys.secretKey, "--out", scratch.path("k"), "--source-passphrase-file", scratch.path("wrong.txt")],
                                 environment: Self.newPassphrase)
        expectBadInput(result, mentioning: [keys.secretKey, "wrong passphrase"])
        // The whole line: it names the user's file, never the private temporary copy.
        #expect(result.errorLine == "artefact: error: \(keys.secretKey) (an encrypted OpenSSH private key): wrong passphrase")
        #expect(!scratch.exists("k.key") && !scratch.exists("k.pub"))
        // The right one, from a file too, works.
        try scratch.write("right.txt", "ssh pass phrase\n")
        let right = try CLI.run(["key", "import", keys.secretKey, "--out", scratch.path("k"), "--source-passphrase-file", scratch.path("right.txt")],
                                environment: Self.newPassphrase)
        #expect(right.status == 0, "\(right.stderr)")
    }

    @Test func encryptedOpenSSHKeyWithoutASourcePassphraseOrWithTooManyRoundsIsBadInput() throws {
        let scratch = try Scratch()
        let keys = try ForeignKeyPair.openssh(in: scratch, passphrase: "ssh pass phrase")
        expectBadInput(try CLI.run(["key", "import", keys.secretKey, "--out", scratch.path("k")], environment: Self.newPassphrase),
                       mentioning: ["encrypted OpenSSH private key", "ARTEFACT_SOURCE_PASSPHRASE"])
        // The bcrypt_pbkdf cost comes from the file: bounded before ssh-keygen runs. The rounds
        // follow "openssh-key-v1\0", "aes256-ctr", "bcrypt", the options' length and the 16-byte salt.
        var slow = try Self.opensshBlob(keys.secretKey)
        #expect(slow[63..<67] == [0, 0, 0, 16])
        slow.replaceSubrange(63..<67, with: [0, 0, 0x13, 0x88])
        try Self.writeOpenSSH(slow, to: scratch, as: "slow")
        expectBadInput(try CLI.run(["key", "import", scratch.path("slow"), "--out", scratch.path("k")],
                                   environment: Self.newPassphrase.merging(["ARTEFACT_SOURCE_PASSPHRASE": "ssh pass phrase"]) { $1 }),
                       mentioning: ["5000 bcrypt_pbkdf rounds", "limit is 1000"])
        #expect(!scratch.exists("k.key"))
    }

    @Test func truncatedKeysAreBadInput() throws {
        let scratch = try Scratch()
        let openssh = try ForeignKeyPair.openssh(in: scratch)
        var lines = String(decoding: try scratch.read("id_ed25519"), as: UTF8.self).split(separator: "\n").map(String.init)
        lines.remove(at: 3)
        try scratch.write("cut_openssh", lines.joined(separator: "\n") + "\n")
        try scratch.write("cut_openssh_end", lines.dropLast().joined(separator: "\n") + "\n")
        let signify = try ForeignKeyPair.signify(in: scratch)
        try editKeyLine(signify.secretKey) { $0.removeLast(3) }
        try scratch.write("cut_pub", String(String(decoding: try scratch.read("id_ed25519.pub"), as: UTF8.self).prefix(40)) + "\n")
        for file in [scratch.path("cut_openssh"), scratch.path("cut_openssh_end"), signify.secretKey, scratch.path("cut_pub")] {
            let result = try CLI.run(["key", "import", file, "--out", scratch.path("k"), "--unencrypted"])
            expectBadInput(result, mentioning: [file])
            #expect(!scratch.exists("k.key") && !scratch.exists("k.pub"), "\(file)")
        }
    }

    @Test func hostileOpenSSHLengthsAndAForeignPublicHalfAreBadInput() throws {
        let scratch = try Scratch()
        let keys = try ForeignKeyPair.openssh(in: scratch)
        let other = try ForeignKeyPair.openssh(in: scratch, name: "other")
        func blob(_ path: String) throws -> [UInt8] { try Self.opensshBlob(path) }
        func write(_ name: String, _ bytes: [UInt8]) throws { try Self.writeOpenSSH(bytes, to: scratch, as: name) }
        var huge = try blob(keys.secretKey)
        huge.replaceSubrange(15..<19, with: [0xff, 0xff, 0xff, 0xf0])  // the cipher name's length
        try write("huge", huge)
        // The outer public key (offset 15 + 8 + 8 + 4 + 4 + 4 + 4 + 11 + 4) replaced by another key's.
        var swapped = try blob(keys.secretKey)
        let outer = 62
        swapped.replaceSubrange(outer..<outer + 32, with: try blob(other.secretKey)[outer..<outer + 32])
        try write("swapped", swapped)
        expectBadInput(try CLI.run(["key", "import", scratch.path("huge"), "--out", scratch.path("k"), "--unencrypted"]),
                       mentioning: ["claims 4294967280 bytes"])
        expectBadInput(try CLI.run(["key", "import", scratch.path("swapped"), "--out", scratch.path("k"), "--unencrypted"]),
                       mentioning: ["damaged", "public key"])
        #expect(!scratch.exists("k.key"))
    }

    @Test func nonEd25519KeysAreNamedAndRefused() throws {
        let scratch = try Scratch()
        let ecdsa = try ForeignKeyPair.openssh(in: scratch, name: "id_ecdsa", type: "ecdsa")
        expectBadInput(try CLI.run(["key", "import", ecdsa.publicKey, "--out", scratch.path("k")]),
                       mentioning: ["ecdsa-sha2-nistp256", "Ed25519 keys only"])
        expectBadInput(try CLI.run(["key", "import", ecdsa.secretKey, "--out", scratch.path("k"), "--unencrypted"]),
                       mentioning: ["ecdsa-sha2-nistp256", "Ed25519 keys only"])
    }

    @Test func importNeverReplacesAKeyFile() throws {
        let scratch = try Scratch()
        let keys = try ForeignKeyPair.signify(in: scratch)
        try scratch.write("k.pub", "precious\n")
        expectBadInput(try CLI.run(["key", "import", keys.publicKey, "--out", scratch.path("k")]), mentioning: ["k.pub already exists"])
        expectBadInput(try CLI.run(["key", "import", keys.secretKey, "--out", scratch.path("k"), "--unencrypted"]),
                       mentioning: ["k.pub already exists"])
        #expect(try scratch.read("k.pub") == Data("precious\n".utf8))
        #expect(!scratch.exists("k.key"))
    }

    @Test func aSecretImportNeedsANewPassphraseOrUnencrypted() throws {
        let scratch = try Scratch()
        let keys = try ForeignKeyPair.signify(in: scratch)
        expectBadInput(try CLI.run(["key", "import", keys.secretKey, "--out", scratch.path("k")]),
                       mentioning: ["ARTEFACT_PASSPHRASE", "--unencrypted"])
        #expect(!scratch.exists("k.key") && !scratch.exists("k.pub"))
    }

    @Test func keyArgumentsInOtherFormatsPointAtKeyImport() throws {
        let scratch = try Scratch()
        let openssh = try ForeignKeyPair.openssh(in: scratch)
        let minisign = try ForeignKeyPair.minisign(in: scratch, encrypted: false)
        let signify = try ForeignKeyPair.signify(in: scratch)
        let model = try scratch.makeModel(weightBytes: 1024)
        expectBadInput(try CLI.run(["sign", model, "--key", openssh.secretKey]),
                       mentioning: ["is an OpenSSH private key", "artefact key import \(openssh.secretKey) --out PREFIX"])
        expectBadInput(try CLI.run(["sign", model, "--key", signify.secretKey]), mentioning: ["is a signify secret key", "key import"])
        // A public key where a secret one is needed says so too.
        expectBadInput(try CLI.run(["sign", model, "--key", minisign.publicKey]),
                       mentioning: ["is a minisign public key", "a public key where a private key is needed", "key import"])
        let keys = try KeyPair.generate(in: scratch)
        #expect(try CLI.run(["sign", model, "--key", keys.privateKey], environment: KeyPair.environment).status == 0)
        expectBadInput(try CLI.run(["verify", model, "--key", openssh.publicKey]), mentioning: ["is an OpenSSH public key", "key import"])
        expectBadInput(try CLI.run(["verify", model, "--key", "env:KEY"], environment: ["KEY": String(decoding: try scratch.read("minisign.pub"), as: UTF8.self)]),
                       mentioning: ["is a minisign public key", "artefact key import FILE --out PREFIX"])
        // Anything else keeps the message it had.
        try scratch.write("junk", "not a key\n")
        expectBadInput(try CLI.run(["verify", model, "--key", scratch.path("junk")]), mentioning: ["is not a PEM public key"])
    }
}
