/// What one signature in a bundle proved under a policy, as `verify --json` lists it in
/// the `signature` check.
public struct SignatureNote: Sendable {
    /// The signature's position in the envelope.
    public let index: Int
    public let keyID: String
    /// `verified`, or why the signature counts for no policy signer.
    public let status: String
    /// The policy signers it satisfied.
    public let signers: [String]
    /// The certificate subject, when the signer presented a certificate that counted.
    public let certificateSubject: String?

    public var json: JSONValue {
        jsonObject([
            ("index", .integer(index)), ("keyid", .string(keyID)), ("keyId", .string(keyID)), ("status", .string(status)),
            ("signers", .array(signers.map(JSONValue.string))), ("certificateSubject", certificateSubject.map(JSONValue.string)),
        ])
    }
}
