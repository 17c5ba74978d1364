@testable import ArtefactCore

/// The passphrase the encrypted keys in the seed corpus were written with, so that
/// mutations of them get through decryption to the PKCS#8 parsing behind it.
let passphrase: SecretBytes = {
    let text = Array("fuzz passphrase".utf8)
    return try! text.withUnsafeBytes { try SecretBytes(copying: $0) }
}()

/// Reading a private key with a passphrase never traps, whatever the PEM, the PBES2
/// parameters or the decrypted bytes; a key that reads is an Ed25519 key.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEncryptedKeyFiles(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Fuzz.bytes(data, size)
    if let key = try? PrivateKeyFile.read(pem: bytes, passphrase: passphrase, source: "fuzz input") {
        Fuzz.require(key.publicKey.rawBytes.count == 32, "a key read with a passphrase has a \(key.publicKey.rawBytes.count)-byte public key")
    }
    return 0
}
