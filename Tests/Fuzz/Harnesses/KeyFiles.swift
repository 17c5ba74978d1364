@testable import ArtefactCore

/// Unencrypted key reading never traps, as a private key (no passphrase given) and as a
/// public key; a key that reads writes back to PEM that reads as the same key. Encrypted
/// keys have their own harness, `EncryptedKeyFiles`, because scrypt makes each try slow.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKeyFiles(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Fuzz.bytes(data, size)
    if let key = try? PrivateKeyFile.read(pem: bytes, passphrase: nil, source: "fuzz input") {
        let written = try? PrivateKeyFile.pem(for: key, passphrase: nil)
        let again = written.flatMap { try? PrivateKeyFile.read(pem: $0, passphrase: nil, source: "rewritten key") }
        Fuzz.require(again?.publicKey == key.publicKey, "a private key does not survive writing and reading")
    }
    if let key = try? PublicKey(pem: bytes, source: "fuzz input") {
        Fuzz.require((try? PublicKey(pem: key.pem, source: "rewritten key")) == key, "a public key does not survive writing and reading")
    }
    return 0
}
