@testable import ArtefactCore

/// Bundle decoding never traps; a bundle it accepts writes back to a file that decodes
/// to the same envelope and certificates; and the payload of any accepted bundle goes on
/// through the statement decoder, as `verify` would take it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSignatureBundle(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let bundle = try? SignatureBundle.decode(Fuzz.bytes(data, size), source: "fuzz input") else { return 0 }
    _ = try? ModelStatement.decode(payload: bundle.envelope.payload)
    let written = bundle.fileBytes
    let again = try? SignatureBundle.decode(written, source: "rewritten bundle")
    Fuzz.require(again?.envelope == bundle.envelope, "the rewritten bundle \(Fuzz.show(written)) has another envelope")
    Fuzz.require(again?.signerCertificates == bundle.signerCertificates, "the rewritten bundle has other certificates")
    return 0
}
