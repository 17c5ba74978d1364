import ArtefactCore
import Testing

/// ECDSA keys over OpenSSL: signatures verify only with the right key, curve, message and
/// digest; malformed signatures are false; PEM files round-trip and are told apart from
/// Ed25519 keys with a message that says what to do.
@Suite struct ECDSAKeyTests {
    let message = Array("artefact known answer".utf8)

    func secret(_ text: String) throws -> SecretBytes {
        try Array(text.utf8).withUnsafeBytes { try SecretBytes(copying: $0) }
    }

    /// Expects bad input whose message contains every fragment.
    func expectBadInput(mentioning fragments: [String], sourceLocation: SourceLocation = #_sourceLocation,
                        _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("no error", sourceLocation: sourceLocation)
        } catch let error as ArtefactError {
            #expect(error.kind == .badInput, "\(error)", sourceLocation: sourceLocation)
            for fragment in fragments {
                #expect(error.message.contains(fragment), "\"\(fragment)\" is not in: \(error.message)", sourceLocation: sourceLocation)
            }
        } catch {
            Issue.record("not bad input: \(error)", sourceLocation: sourceLocation)
        }
    }

    // MARK: signatures

    @Test(arguments: ECCurve.allCases)
    func signatureRoundTripsOnEachCurve(curve: ECCurve) throws {
        let key = try ECPrivateKey.generate(curve)
        #expect(key.curve == curve && key.publicKey.curve == curve)
        let signature = try key.sign(message)
        #expect(signature.first == 0x30, "a DER SEQUENCE")
        #expect(key.publicKey.isValidSignature(signature, over: message))
        #expect(!key.publicKey.isValidSignature(signature, over: message + [0]))
        #expect(!key.publicKey.isValidSignature(signature, over: []))
    }

    @Test(arguments: ECCurve.allCases)
    func anotherKeyOnTheSameCurveRejects(curve: ECCurve) throws {
        let signature = try ECPrivateKey.generate(curve).sign(message)
        #expect(!(try ECPrivateKey.generate(curve).publicKey.isValidSignature(signature, over: message)))
    }

    @Test(arguments: ECCurve.allCases)
    func everyFlippedByteRejects(curve: ECCurve) throws {
        let key = try ECPrivateKey.generate(curve)
        let signature = try key.sign(message)
        for index in signature.indices {
            var flipped = signature
            flipped[index] ^= 0x01
            #expect(!key.publicKey.isValidSignature(flipped, over: message), "byte \(index) flipped")
        }
    }

    @Test func aSignatureFromAnotherCurveRejects() throws {
        for signer in ECCurve.allCases {
            let signature = try ECPrivateKey.generate(signer).sign(message)
            for verifier in ECCurve.allCases where verifier != signer {
                #expect(!(try ECPrivateKey.generate(verifier).publicKey.isValidSignature(signature, over: message)))
            }
        }
    }

    @Test func malformedDERIsFalseNotACrash() throws {
        let key = try ECPrivateKey.generate(.p256)
        let signature = try key.sign(message)
        let garbage: [[UInt8]] = [
            [], [0x30], [0x30, 0x00], [0x30, 0x80], [0x30, 0xff, 0xff, 0xff, 0xff, 0xff],
            [UInt8](repeating: 0x30, count: 4096), Array(signature.prefix(signature.count - 1)),
            signature + [0x00], // trailing bytes after the SEQUENCE
            [UInt8](repeating: 0, count: 64), // a raw r||s pair is not DER
        ]
        for bytes in garbage {
            #expect(!key.publicKey.isValidSignature(bytes, over: message), "\(bytes.prefix(8))")
        }
        #expect(key.publicKey.isValidSignature(signature, over: message), "the genuine one still verifies")
    }

    /// Signatures made by `openssl dgst -sha256|-sha384|-sha512 -sign` verify, and one made
    /// over the wrong digest for the curve does not: the curve fixes the digest, as in
    /// model_signing.
    @Test(arguments: ECDSAFixtures.knownAnswers)
    func opensslSignaturesVerifyWithTheCurvesDigest(fixture: ECDSAFixtures.KnownAnswer) throws {
        let key = try ECPublicKey(pem: Array(fixture.publicKeyPEM.utf8), source: "fixture")
        #expect(key.curve == fixture.curve)
        #expect(key.isValidSignature(try #require(Hex.decode(fixture.signatureHex)), over: message))
        if let wrong = fixture.sha256SignatureHex {
            #expect(!key.isValidSignature(try #require(Hex.decode(wrong)), over: message), "signed over SHA-256, not \(fixture.curve.digestName)")
        }
    }

    // MARK: PEM files

    @Test(arguments: ECCurve.allCases)
    func publicKeyPEMRoundTripsAndKeyIDIsDigestOfDER(curve: ECCurve) throws {
        let key = try ECPrivateKey.generate(curve).publicKey
        let text = String(decoding: key.pem, as: UTF8.self)
        #expect(text.hasPrefix("-----BEGIN PUBLIC KEY-----\n") && text.hasSuffix("-----END PUBLIC KEY-----\n"))
        let read = try ECPublicKey(pem: key.pem, source: "test")
        #expect(read == key)
        #expect(try ECPublicKey(subjectPublicKeyInfo: key.subjectPublicKeyInfo, source: "test") == key)
        #expect(key.keyID == SHA256Hasher.digest(key.subjectPublicKeyInfo).hex)
        #expect(try AnyPublicKey(pem: key.pem, source: "test") == .ecdsa(key))
    }

    @Test func aCompressedPointIsReadAsTheSameKey() throws {
        let uncompressed = try ECPublicKey(pem: Array(ECDSAFixtures.knownAnswers[0].publicKeyPEM.utf8), source: "u")
        let compressed = try ECPublicKey(pem: Array(ECDSAFixtures.compressedP256.utf8), source: "c")
        #expect(compressed == uncompressed)
        #expect(compressed.subjectPublicKeyInfo.count == 91, "re-encoded with the uncompressed point")
    }

    @Test(arguments: ECCurve.allCases)
    func privateKeyRoundTripsEncryptedAndPlain(curve: ECCurve) throws {
        let key = try ECPrivateKey.generate(curve)
        let encrypted = try PrivateKeyFile.pem(for: key, passphrase: secret("right"))
        #expect(PrivateKeyFile.isEncrypted(encrypted))
        guard case .ecdsa(let read) = try PrivateKeyFile.readAnyKind(pem: encrypted, passphrase: secret("right"), source: "k") else {
            Issue.record("not read as an EC key")
            return
        }
        #expect(read.publicKey == key.publicKey && read.curve == curve)
        #expect(key.publicKey.isValidSignature(try read.sign(message), over: message))
        #expect(throws: ArtefactError.badInput("k: wrong passphrase, or the key file is damaged")) {
            try PrivateKeyFile.readAnyKind(pem: encrypted, passphrase: secret("wrong"), source: "k")
        }
        #expect(throws: ArtefactError.self) { try PrivateKeyFile.readAnyKind(pem: encrypted, passphrase: nil, source: "k") }
        let plain = try PrivateKeyFile.pem(for: key, passphrase: nil)
        #expect(String(decoding: plain, as: UTF8.self).hasPrefix("-----BEGIN PRIVATE KEY-----"))
        #expect(try PrivateKeyFile.readAnyKind(pem: plain, passphrase: nil, source: "k").publicKey == .ecdsa(key.publicKey))
    }

    @Test func aSEC1KeyFromOpenSSLIsRead() throws {
        let read = try PrivateKeyFile.readAnyKind(pem: Array(ECDSAFixtures.sec1PrivateKey.utf8), passphrase: nil, source: "sec1.key")
        let expected = try ECPublicKey(pem: Array(ECDSAFixtures.sec1PublicKey.utf8), source: "sec1.pub")
        #expect(read.publicKey == .ecdsa(expected))
        #expect(expected.isValidSignature(try read.sign(message), over: message))
    }

    @Test func aLegacyEncryptedPEMIsRefusedWithTheWayOut() throws {
        expectBadInput(mentioning: ["old.key is encrypted in OpenSSL's legacy PEM format", "openssl pkcs8 -topk8 -scrypt"]) {
            _ = try PrivateKeyFile.readAnyKind(pem: Array(ECDSAFixtures.legacyEncryptedPrivateKey.utf8),
                                               passphrase: try secret("legacy"), source: "old.key")
        }
    }

    // MARK: kinds told apart

    @Test func ed25519AndECKeysAreToldApart() throws {
        let ed = try SigningKey.generate()
        let ec = try ECPrivateKey.generate(.p384)
        #expect(try AnyPublicKey(pem: ed.publicKey.pem, source: "e") == .ed25519(ed.publicKey))
        #expect(try AnyPublicKey(pem: ec.publicKey.pem, source: "c").kind == .ecP384)
        expectBadInput(mentioning: ["e.pub is an Ed25519 key, not an EC key"]) {
            _ = try ECPublicKey(pem: ed.publicKey.pem, source: "e.pub")
        }
        expectBadInput(mentioning: ["c.pub is an EC P-384 key, not an Ed25519 key", "EC keys sign OMS bundles (add --format oms)"]) {
            _ = try PublicKey(pem: ec.publicKey.pem, source: "c.pub")
        }
        let edPEM = try PrivateKeyFile.pem(for: ed, passphrase: nil)
        let ecPEM = try PrivateKeyFile.pem(for: ec, passphrase: nil)
        #expect(try PrivateKeyFile.readAnyKind(pem: edPEM, passphrase: nil, source: "e").kind == .ed25519)
        #expect(try PrivateKeyFile.readAnyKind(pem: ecPEM, passphrase: nil, source: "c").kind == .ecP384)
        expectBadInput(mentioning: ["c.key is an EC P-384 key, not an Ed25519 key", "add --format oms"]) {
            _ = try PrivateKeyFile.read(pem: ecPEM, passphrase: nil, source: "c.key")
        }
    }

    @Test func anotherCurveIsRefusedByName() {
        expectBadInput(mentioning: ["k1.pub is an EC key on a curve artefact does not use", "P-256, P-384 or P-521"]) {
            _ = try AnyPublicKey(pem: Array(ECDSAFixtures.secp256k1.utf8), source: "k1.pub")
        }
    }
}
