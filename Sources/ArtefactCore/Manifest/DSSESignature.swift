/// One signature in an envelope: the signer's key id (a hint) and the signature bytes.
public struct DSSESignature: Equatable, Sendable {
    public let keyID: String
    public let signature: [UInt8]

    public init(keyID: String, signature: [UInt8]) {
        self.keyID = keyID
        self.signature = signature
    }
}
