import ArtefactCore
import Testing

/// Published test vectors: RFC 8032 (Ed25519), NIST FIPS 180-2 examples (SHA-256) and the
/// DSSE specification's PAE example.
@Suite struct KnownAnswerTests {
    struct Ed25519Vector: Sendable {
        let seed: String
        let publicKey: String
        let message: String
        let signature: String
    }

    /// RFC 8032 section 7.1, TEST 1 to TEST 3.
    static let rfc8032: [Ed25519Vector] = [
        .init(seed: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
              publicKey: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
              message: "",
              signature: "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                  + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
        .init(seed: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
              publicKey: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
              message: "72",
              signature: "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                  + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
        .init(seed: "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
              publicKey: "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
              message: "af82",
              signature: "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
                  + "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
    ]

    @Test(arguments: rfc8032)
    func ed25519MatchesRFC8032(_ vector: Ed25519Vector) throws {
        let seedBytes = Hex.decode(vector.seed)!
        let seed = try seedBytes.withUnsafeBytes { try SecretBytes(copying: $0) }
        let key = try SigningKey(seed: seed)
        let message = Hex.decode(vector.message)!
        #expect(Hex.encode(key.publicKey.rawBytes) == vector.publicKey)
        #expect(Hex.encode(try key.sign(message)) == vector.signature)
        #expect(Ed25519.isValidSignature(Hex.decode(vector.signature)!, of: message, publicKey: Hex.decode(vector.publicKey)!))
    }

    @Test func ed25519RejectsAlteredMessageSignatureAndKey() throws {
        let vector = Self.rfc8032[2]
        let signature = Hex.decode(vector.signature)!
        let publicKey = Hex.decode(vector.publicKey)!
        #expect(!Ed25519.isValidSignature(signature, of: [0xaf, 0x83], publicKey: publicKey))
        var flipped = signature
        flipped[10] ^= 0x01
        #expect(!Ed25519.isValidSignature(flipped, of: [0xaf, 0x82], publicKey: publicKey))
        #expect(!Ed25519.isValidSignature(signature, of: [0xaf, 0x82], publicKey: Hex.decode(Self.rfc8032[0].publicKey)!))
        #expect(!Ed25519.isValidSignature(Array(signature.dropLast()), of: [0xaf, 0x82], publicKey: publicKey))
    }

    @Test func sha256MatchesNISTExamples() {
        #expect(SHA256Hasher.digest([]).hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Hasher.digest(Array("abc".utf8)).hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Hasher.digest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)).hex
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func sha256OfOneMillionAInPiecesMatchesNIST() {
        let hasher = SHA256Hasher()
        let piece = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hasher.update(piece) }
        #expect(hasher.finish().hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// The DSSE protocol specification's example: PAE("http://example.com/HelloWorld", "hello world").
    @Test func dssePreAuthenticationEncodingMatchesSpecification() {
        let encoded = DSSE.preAuthenticationEncoding(payloadType: "http://example.com/HelloWorld", payload: Array("hello world".utf8))
        #expect(String(decoding: encoded, as: UTF8.self) == "DSSEv1 29 http://example.com/HelloWorld 11 hello world")
    }

    @Test func dssePreAuthenticationEncodingCountsBytesNotCharacters() {
        let encoded = DSSE.preAuthenticationEncoding(payloadType: "t", payload: Array("é".utf8))
        #expect(encoded == Array("DSSEv1 1 t 2 ".utf8) + [0xc3, 0xa9])
    }
}
