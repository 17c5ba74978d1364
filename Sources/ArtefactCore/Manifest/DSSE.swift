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
