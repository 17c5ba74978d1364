/// A source's signature bundle as read, before it is trusted.
struct SourceBundle {
    let bytes: [UInt8]
    let bundle: SignatureBundle
    /// Where the bundle came from, for the verification report.
    let description: String

    /// Decodes `bytes`; a bundle that does not decode is a rejection of check `bundle`.
    init(bytes: [UInt8], source: String, description: String) throws {
        // An OMS bundle signs no version or sizes: only a directory signed with one crosses,
        // into a store (`OMSCrossing`); from anywhere else it is refused here by name.
        if OMSBundle.claimsOMS(bytes) {
            throw TransferRejection(check: .bundle, reason: "\(source) is an OpenSSF Model Signing bundle; only a model directory "
                + "signed with one crosses, into a store (transfer DIR STORE --version V); sign it with 'artefact sign' to move it "
                + "further")
        }
        do { bundle = try SignatureBundle.decode(bytes, source: source) } catch let error as ArtefactError where error.kind == .rejected {
            throw TransferRejection(check: .bundle, reason: error.message)
        }
        self.bytes = bytes
        self.description = description
    }
}
