import ArtefactCore
import Testing

@Suite struct KeyFileTests {
    func secret(_ text: String) throws -> SecretBytes {
        try Array(text.utf8).withUnsafeBytes { try SecretBytes(copying: $0) }
    }

    @Test func encryptedKeyRoundTripsWithItsPassphraseOnly() throws {
        let key = try SigningKey.generate()
        let pem = try PrivateKeyFile.pem(for: key, passphrase: secret("right"))
        #expect(PrivateKeyFile.isEncrypted(pem))
        let read = try PrivateKeyFile.read(pem: pem, passphrase: secret("right"), source: "test")
        #expect(read.publicKey == key.publicKey)
        #expect(throws: ArtefactError.badInput("test: wrong passphrase, or the key file is damaged")) {
            try PrivateKeyFile.read(pem: pem, passphrase: secret("wrong"), source: "test")
        }
        #expect(throws: ArtefactError.self) { try PrivateKeyFile.read(pem: pem, passphrase: nil, source: "test") }
    }

    @Test func plainKeyRoundTrips() throws {
        let key = try SigningKey.generate()
        let pem = try PrivateKeyFile.pem(for: key, passphrase: nil)
        #expect(!PrivateKeyFile.isEncrypted(pem))
        #expect(String(decoding: pem, as: UTF8.self).hasPrefix("-----BEGIN PRIVATE KEY-----"))
        #expect(try PrivateKeyFile.read(pem: pem, passphrase: nil, source: "test").publicKey == key.publicKey)
    }

    @Test func publicKeyPEMRoundTripsAndKeyIDIsDigestOfDER() throws {
        let key = try SigningKey.generate().publicKey
        let read = try PublicKey(pem: key.pem, source: "test")
        #expect(read == key)
        #expect(key.subjectPublicKeyInfo.count == 44)
        #expect(key.keyID == SHA256Hasher.digest(key.subjectPublicKeyInfo).hex)
    }

    @Test func garbageIsBadInput() {
        #expect(throws: ArtefactError.self) { try PublicKey(pem: Array("not a key".utf8), source: "x") }
        #expect(throws: ArtefactError.self) { try PrivateKeyFile.read(pem: Array("not a key".utf8), passphrase: nil, source: "x") }
    }

    @Test func secretBytesNeverPrintTheirContents() throws {
        let value = try secret("hunter2")
        #expect(!value.description.contains("hunter2"))
        #expect(!"\(value)".contains("hunter2"))
    }
}
