/// Dead Simple Signing Envelope (DSSE v1): what is signed is the pre-authentication
/// encoding of the payload type and payload, never the payload alone.
public enum DSSE {
    public static let inTotoPayloadType = "application/vnd.in-toto+json"

    /// `"DSSEv1" SP LEN(type) SP type SP LEN(body) SP body`, lengths as ASCII decimal.
    public static func preAuthenticationEncoding(payloadType: String, payload: [UInt8]) -> [UInt8] {
        let type = Array(payloadType.utf8)
        return Array("DSSEv1 \(type.count) ".utf8) + type + Array(" \(payload.count) ".utf8) + payload
    }
}

/// One signature in an envelope: the signer's key id (a hint) and the signature bytes.
public struct DSSESignature: Equatable, Sendable {
    public let keyID: String
    public let signature: [UInt8]

    public init(keyID: String, signature: [UInt8]) {
        self.keyID = keyID
        self.signature = signature
    }
}

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
