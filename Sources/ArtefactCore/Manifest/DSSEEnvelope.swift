/// A DSSE envelope: a payload, its type, and one or more signatures over the same PAE.
public struct DSSEEnvelope: Equatable, Sendable {
    public let payloadType: String
    public let payload: [UInt8]
    public let signatures: [DSSESignature]

    public init(payloadType: String, payload: [UInt8], signatures: [DSSESignature]) {
        self.payloadType = payloadType
        self.payload = payload
        self.signatures = signatures
    }

    /// The bytes every signature in this envelope signs.
    public var signedBytes: [UInt8] { DSSE.preAuthenticationEncoding(payloadType: payloadType, payload: payload) }

    /// This envelope with one more signature over the same payload.
    public func appending(_ signature: DSSESignature) -> DSSEEnvelope {
        DSSEEnvelope(payloadType: payloadType, payload: payload, signatures: signatures + [signature])
    }
}
