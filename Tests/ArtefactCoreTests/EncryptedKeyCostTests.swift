import ArtefactCore
import Foundation
import Testing

/// Encrypted key files whose key derivation asks for more than artefact's caps are refused
/// as bad input before any derivation runs; keys from keygen and from OpenSSL's defaults load.
@Suite struct EncryptedKeyCostTests {
    static let passphrase = "test-pass"

    func read(_ pem: String) throws -> SigningKey {
        let secret = try Array(Self.passphrase.utf8).withUnsafeBytes { try SecretBytes(copying: $0) }
        return try PrivateKeyFile.read(pem: Array(pem.utf8), passphrase: secret, source: "k.key")
    }

    /// Expects bad input whose one line contains every fragment.
    func expectRefused(_ pem: String, mentioning fragments: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try read(pem)
            Issue.record("the key was read", sourceLocation: sourceLocation)
        } catch let error as ArtefactError {
            #expect(error.kind == .badInput, "\(error)", sourceLocation: sourceLocation)
            let message = error.message
            for fragment in fragments {
                #expect(message.contains(fragment), "\"\(fragment)\" is not in: \(message)", sourceLocation: sourceLocation)
            }
            #expect(!message.contains("\n"), sourceLocation: sourceLocation)
        } catch {
            Issue.record("not bad input: \(error)", sourceLocation: sourceLocation)
        }
    }

    // MARK: refused

    /// The fuzzer's finding: scrypt N=2^14, r=8, p=113 (about 9 s before the fix).
    @Test func scryptParallelismFromTheFuzzerIsRefused() {
        expectRefused(Self.fuzzerFinding, mentioning: ["k.key asks for scrypt N=16384, r=8, p=113", "artefact's limit",
                                                       "openssl pkcs8 -topk8 -scrypt", "artefact keygen"])
    }

    @Test(arguments: [
        (UInt64(1) << 14, UInt64(8), UInt64(17)),        // p just past the work cap
        (UInt64(1) << 20, UInt64(8), UInt64(1)),         // N: 1 GiB of memory
        (UInt64(1) << 14, UInt64(1024), UInt64(1)),      // r
        (UInt64(1) << 62, UInt64(1) << 40, UInt64(1)),   // products overflow 64 bits
        (UInt64(2), UInt64(1), UInt64(1) << 30),         // tiny memory, huge p
    ])
    func costlyScryptIsRefused(n: UInt64, r: UInt64, p: UInt64) {
        let pem = HostileKey.pem(kdf: HostileKey.scrypt(n: n, r: r, p: p))
        expectRefused(pem, mentioning: ["asks for scrypt N=\(n), r=\(r), p=\(p)", "artefact's limit"])
    }

    @Test(arguments: [UInt64(1_000_001), UInt64(100_000_000), UInt64(UInt32.max), UInt64.max])
    func costlyPBKDF2IsRefused(iterations: UInt64) {
        let pem = HostileKey.pem(kdf: HostileKey.pbkdf2(iterations: HostileKey.unsigned(iterations)))
        expectRefused(pem, mentioning: ["asks for PBKDF2 with \(iterations) iterations", "limit of 1000000"])
    }

    /// An iteration count of 2^72 (or a negative one) does not fit 64 bits: refused, not wrapped.
    @Test(arguments: [[UInt8](arrayLiteral: 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0), [0xFF, 0x00]])
    func unreadableIterationCountIsRefused(integer: [UInt8]) {
        expectRefused(HostileKey.pem(kdf: HostileKey.pbkdf2(iterations: integer)), mentioning: ["PBKDF2 iteration count", "limit"])
    }

    /// PBES1 (here PKCS#12 SHA-1 with 3DES, from `openssl pkcs8 -topk8 -v1 PBE-SHA1-3DES`).
    @Test func pbes1IsRefused() {
        expectRefused(Self.pbes1, mentioning: ["k.key is encrypted with", "which artefact does not read", "PBES2"])
    }

    @Test func damagedParametersAreRefused() {
        // A PBES2 header whose key-derivation parameters are an INTEGER rather than a SEQUENCE.
        let kdf = HostileKey.sequence(HostileKey.oid([0x2B, 0x06, 0x01, 0x04, 0x01, 0xDA, 0x47, 0x04, 0x0B]) + HostileKey.tlv(0x02, [1]))
        expectRefused(HostileKey.pem(kdf: kdf), mentioning: ["k.key: the encryption parameters of the key are damaged"])
    }

    // MARK: still read

    @Test func keygenKeyStillLoads() throws {
        let key = try SigningKey.generate()
        let secret = try Array(Self.passphrase.utf8).withUnsafeBytes { try SecretBytes(copying: $0) }
        let pem = try PrivateKeyFile.pem(for: key, passphrase: secret)
        #expect(try PrivateKeyFile.read(pem: pem, passphrase: secret, source: "k.key").publicKey == key.publicKey)
    }

    /// Written by `openssl pkcs8 -topk8 -scrypt`, `openssl genpkey -algorithm ed25519 -aes256`
    /// and `openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA512 -iter 1000000` (the cap).
    @Test(arguments: [opensslScrypt, opensslGenpkeyAES256, opensslPBKDF2AtTheCap])
    func opensslKeysStillLoad(pem: String) throws {
        #expect(try read(pem).publicKey.rawBytes.count == 32)
    }

    static let fuzzerFinding = """
        -----BEGIN ENCRYPTED PRIVATE KEY-----
        MIGTME8GCSqGSIb3DQEFDTBCMCEGCSsGAQQB2kcECzAUBAjeO6LIFybCdAICQAAC
        AQgCAXEwHQYJYIZIAWUDBAEqBBC/eZC7k3s0bpZ7PyIFunRdBEAEhfZQ9K3zURzF
        7hzkl0g6cTXKPe2zGoXLJ9+7ey4DEynKbRfnfJ1nRy6U67CVRVY9+Ak4iLV754fq
        KiPsJleU
        -----END ENCRYPTED PRIVATE KEY-----

        """
    static let pbes1 = """
        -----BEGIN ENCRYPTED PRIVATE KEY-----
        MFgwHAYKKoZIhvcNAQwBAzAOBAhmYxgC59befQICCAAEOLXXibaZGNY0TvmzA4L3
        L91Xi82jj0F819vuAJWpneoelRPbIFkb3XCl1XUF8l+PGi7h3BlkLNKN
        -----END ENCRYPTED PRIVATE KEY-----

        """
    static let opensslScrypt = """
        -----BEGIN ENCRYPTED PRIVATE KEY-----
        MIGTME8GCSqGSIb3DQEFDTBCMCEGCSsGAQQB2kcECzAUBAi7pHbIYeqntAICQAAC
        AQgCAQEwHQYJYIZIAWUDBAEqBBCVDz9s9zsToVXXMcmcSaUpBEBaeuU4fccHtgZ5
        tC4REZEVE/8DR1QBs5WjUyCSYqV+/zTdc9YeRelwd9bVIJJ8ivC2NqXYg3ZrzIVN
        8Uo3ojrM
        -----END ENCRYPTED PRIVATE KEY-----

        """
    static let opensslGenpkeyAES256 = """
        -----BEGIN ENCRYPTED PRIVATE KEY-----
        MIGbMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAgjqcBZIRqemgICCAAw
        DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEAOoXipZk0aoo0ITZkrLgocEQOpd
        HY6clWzFzlCATx9pKd9ZiiVL9e+olxC0JmqH+pfmNvc/fX0j/jo+NFalP0+BR4tm
        gVBPY3BzBbalNr3imFU=
        -----END ENCRYPTED PRIVATE KEY-----

        """
    static let opensslPBKDF2AtTheCap = """
        -----BEGIN ENCRYPTED PRIVATE KEY-----
        MIGcMFgGCSqGSIb3DQEFDTBLMCoGCSqGSIb3DQEFDDAdBAjjkhxliPUJ7wIDD0JA
        MAwGCCqGSIb3DQILBQAwHQYJYIZIAWUDBAEqBBC2XPWWD+N+snPvx0ikkkjGBEA2
        gVWc633vWBSIsrXh5hhRhUNE8W0jvBS2JfdwFOj4jkJIwOfIGPUJE/WFaM+Eh+KF
        YJz84xZWQBabHzf/1iGq
        -----END ENCRYPTED PRIVATE KEY-----

        """
}

/// Builds EncryptedPrivateKeyInfo DER with any key-derivation parameters, so that keys too
/// costly to create with openssl can be tried. The ciphertext is random: a refused key is
/// never decrypted, and one that was would fail as a wrong passphrase instead.
enum HostileKey {
    static func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        var length: [UInt8]
        if content.count < 0x80 {
            length = [UInt8(content.count)]
        } else {
            var bytes: [UInt8] = []
            var count = content.count
            while count > 0 { bytes.insert(UInt8(count & 0xFF), at: 0); count >>= 8 }
            length = [0x80 | UInt8(bytes.count)] + bytes
        }
        return [tag] + length + content
    }
    static func sequence(_ content: [UInt8]) -> [UInt8] { tlv(0x30, content) }
    static func oid(_ body: [UInt8]) -> [UInt8] { tlv(0x06, body) }

    /// The minimal two's-complement content octets of a non-negative integer.
    static func unsigned(_ value: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        var rest = value
        repeat { bytes.insert(UInt8(rest & 0xFF), at: 0); rest >>= 8 } while rest > 0
        if bytes[0] & 0x80 != 0 { bytes.insert(0, at: 0) }
        return bytes
    }

    static let salt = tlv(0x04, [1, 2, 3, 4, 5, 6, 7, 8])

    static func scrypt(n: UInt64, r: UInt64, p: UInt64) -> [UInt8] {
        sequence(oid([0x2B, 0x06, 0x01, 0x04, 0x01, 0xDA, 0x47, 0x04, 0x0B])
                 + sequence(salt + tlv(0x02, unsigned(n)) + tlv(0x02, unsigned(r)) + tlv(0x02, unsigned(p))))
    }

    static func pbkdf2(iterations: [UInt8]) -> [UInt8] {
        let hmacSHA256 = sequence(oid([0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x02, 0x09]) + [0x05, 0x00])
        return sequence(oid([0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x05, 0x0C])
                        + sequence(salt + tlv(0x02, iterations) + hmacSHA256))
    }

    static func pem(kdf: [UInt8]) -> String {
        let pbes2 = oid([0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x05, 0x0D])
        let aes256CBC = sequence(oid([0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2A]) + tlv(0x04, [UInt8](repeating: 7, count: 16)))
        let der = sequence(sequence(pbes2 + sequence(kdf + aes256CBC)) + tlv(0x04, (0..<64).map { _ in UInt8.random(in: 0...255) }))
        return "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
            + Data(der).base64EncodedString(options: .lineLength64Characters)
            + "\n-----END ENCRYPTED PRIVATE KEY-----\n"
    }
}
