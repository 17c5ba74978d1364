/// A source's signature bundle as read, before it is trusted.
struct SourceBundle {
    let bytes: [UInt8]
    let bundle: SignatureBundle
    /// Where the bundle came from, for the verification report.
    let description: String

    /// Decodes `bytes`; a bundle that does not decode is a rejection of check `bundle`.
    init(bytes: [UInt8], source: String, description: String) throws {
        do { bundle = try SignatureBundle.decode(bytes, source: source) } catch let error as ArtefactError where error.kind == .rejected {
            throw TransferRejection(check: .bundle, reason: error.message)
        }
        self.bytes = bytes
        self.description = description
    }
}
