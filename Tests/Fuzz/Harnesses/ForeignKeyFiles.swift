@testable import ArtefactCore

/// Reading OpenSSH, minisign and signify key files (`key import`, and the `--key` hint that
/// names them) never traps on any input. What reads agrees with what was detected, and a
/// secret key's public half is the one its seed derives. No passphrase is given, so an
/// encrypted minisign key stops before scrypt runs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzForeignKeyFiles(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Fuzz.bytes(data, size)
    let detected = ForeignKeyKind.detect(bytes)
    if let detected {
        Fuzz.require(!detected.notPEMMessage(source: "fuzz input", expectingPrivate: true).isEmpty, "an empty hint")
    }
    if let imported = try? KeyImport.read(bytes, source: "fuzz input", passphrase: { nil }) {
        Fuzz.require(imported.kind == detected, "a key read as \(imported.kind.name) was detected as \(detected?.name ?? "nothing")")
        Fuzz.require(imported.kind.isSecret == (imported.signingKey != nil), "a secret key without its private half, or the reverse")
        if let key = imported.signingKey {
            Fuzz.require(key.publicKey == imported.publicKey, "a secret key whose public half is not the one its seed derives")
        }
    }
    return 0
}
