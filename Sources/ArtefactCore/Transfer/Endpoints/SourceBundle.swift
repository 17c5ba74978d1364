/// A source's signature bundle as read, before it is trusted.
struct SourceBundle {
    let bytes: [UInt8]
    let bundle: SignatureBundle
    /// Where the bundle came from, for the verification report.
    let description: String

    /// Decodes `bytes`; a bundle that does not decode is a rejection of check `bundle`.
    init(bytes: [UInt8], source: String, description: String) throws {
        // Stores, registries and buckets hold models under artefact's manifest; an OMS
        // bundle signs no version or sizes for one, so it is refused here by name.
        if OMSBundle.claimsOMS(bytes) {
            throw TransferRejection(check: .bundle, reason: "\(source) is an OpenSSF Model Signing bundle; transfers and in-place "
                + "verification of a store, registry or bucket take artefact bundles only (verify the directory with "
                + "'artefact verify', then sign it with 'artefact sign' to move it)")
        }
        do { bundle = try SignatureBundle.decode(bytes, source: source) } catch let error as ArtefactError where error.kind == .rejected {
            throw TransferRejection(check: .bundle, reason: error.message)
        }
        self.bytes = bytes
        self.description = description
    }
}
