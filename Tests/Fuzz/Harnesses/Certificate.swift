@testable import ArtefactCore

/// Certificate reading never traps, as DER (how bundles carry signers' chains) or PEM
/// (how policies name roots), and neither does reading what verification and reports read
/// from a certificate: names, alternative names, key usage, key and expiry. A DER
/// certificate writes back to the same DER.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCertificate(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Fuzz.bytes(data, size)
    if let certificate = try? Certificate(der: bytes, source: "fuzz input") {
        inspect(certificate)
        let written = certificate.der
        Fuzz.require((try? Certificate(der: written, source: "rewritten certificate"))?.der == written,
                     "a certificate's DER does not read back as the same DER")
    }
    for certificate in (try? Certificate.readPEM(bytes, source: "fuzz input")) ?? [] { inspect(certificate) }
    return 0
}

/// Reads every property the verifier and the reports use.
func inspect(_ certificate: Certificate) {
    _ = certificate.subject
    _ = certificate.issuer
    _ = certificate.alternativeNames
    _ = certificate.allowsCodeSigning
    _ = certificate.ed25519PublicKey
    _ = certificate.notAfter
}
