/// The certificate chain one signer presented: leaf first, then intermediates, as DER.
public struct SignerCertificates: Equatable, Sendable {
    public let keyID: String
    public let derChain: [[UInt8]]

    public init(keyID: String, derChain: [[UInt8]]) {
        self.keyID = keyID
        self.derChain = derChain
    }

    var json: JSONValue {
        jsonObject([("keyid", .string(keyID)), ("certificateChain", .array(derChain.map { .string(Base64.encode($0)) }))])
    }

    static func decode(_ value: JSONValue, context: String, failure: @escaping @Sendable (String) -> ArtefactError) throws -> SignerCertificates {
        var reader = try JSONObjectReader(value, context: context, failure: failure)
        let keyID = try reader.string("keyid")
        let chain = try reader.stringArray("certificateChain").map { text in
            guard let der = Base64.decode(text) else { throw failure("\(context).certificateChain holds a value that is not base64") }
            return der
        }
        try reader.rejectUnknownMembers()
        guard !chain.isEmpty else { throw failure("\(context).certificateChain is empty") }
        return SignerCertificates(keyID: keyID, derChain: chain)
    }
}
