/// A Sigstore bundle v0.3 (JSON) holding a DSSE envelope, as artefact writes and reads it
/// (see `Docs/FORMAT.md`, "Bundle").
public struct SignatureBundle: Equatable, Sendable {
    public static let mediaType = "application/vnd.dev.sigstore.bundle.v0.3+json"
    /// The largest bundle file read; a manifest of a million files fits well inside.
    public static let maximumSize = 256 << 20

    public let envelope: DSSEEnvelope
    /// `verificationMaterial.publicKey.hint`: the key id of the first signer.
    public let publicKeyHint: String?

    public init(envelope: DSSEEnvelope, publicKeyHint: String?) {
        self.envelope = envelope
        self.publicKeyHint = publicKeyHint
    }

    public var json: JSONValue {
        jsonObject([
            ("mediaType", .string(Self.mediaType)),
            ("verificationMaterial", jsonObject([
                ("publicKey", publicKeyHint.map { jsonObject([("hint", .string($0))]) }),
            ])),
            ("dsseEnvelope", jsonObject([
                ("payload", .string(Base64.encode(envelope.payload))),
                ("payloadType", .string(envelope.payloadType)),
                ("signatures", .array(envelope.signatures.map {
                    jsonObject([("keyid", .string($0.keyID)), ("sig", .string(Base64.encode($0.signature)))])
                })),
            ])),
        ])
    }

    public var fileBytes: [UInt8] { JSONWriter.pretty(json) }

    /// Decodes a bundle file. Duplicate keys anywhere are refused; so is any payload type
    /// other than in-toto's. A malformed bundle rejects the artefact.
    public static func decode(_ bytes: [UInt8], source: String) throws -> SignatureBundle {
        let reject = { @Sendable (message: String) in ArtefactError.rejected("bundle \(source): \(message)") }
        let document: JSONValue
        do { document = try StrictJSONParser.parse(bytes) } catch { throw reject("not valid JSON: \(error)") }
        var bundle = try JSONObjectReader(document, context: "bundle", failure: reject)
        let mediaType = try bundle.string("mediaType")
        guard mediaType == Self.mediaType else { throw reject("mediaType \"\(mediaType)\" is not \(Self.mediaType)") }
        var material = try bundle.object("verificationMaterial")
        let hint = try material.optionalObject("publicKey").map { reader -> String? in
            var reader = reader
            return try reader.optionalString("hint")
        } ?? nil
        var envelopeReader = try bundle.object("dsseEnvelope")
        let payloadType = try envelopeReader.string("payloadType")
        guard payloadType == DSSE.inTotoPayloadType else {
            throw reject("payloadType \"\(payloadType)\" is not \(DSSE.inTotoPayloadType)")
        }
        guard let payload = Base64.decode(try envelopeReader.string("payload")) else {
            throw reject("dsseEnvelope.payload is not base64")
        }
        let signatures = try envelopeReader.array("signatures").enumerated().map { index, value in
            var reader = try JSONObjectReader(value, context: "dsseEnvelope.signatures[\(index)]", failure: reject)
            let keyID = try reader.optionalString("keyid") ?? ""
            guard let signature = Base64.decode(try reader.string("sig")) else {
                throw reject("dsseEnvelope.signatures[\(index)].sig is not base64")
            }
            try reader.rejectUnknownMembers()
            return DSSESignature(keyID: keyID, signature: signature)
        }
        try envelopeReader.rejectUnknownMembers()
        guard !signatures.isEmpty else { throw reject("the envelope has no signatures") }
        return SignatureBundle(envelope: DSSEEnvelope(payloadType: payloadType, payload: payload, signatures: signatures),
                               publicKeyHint: hint)
    }

    /// Reads a bundle file; a missing one rejects the artefact, since it is unsigned.
    public static func read(path: String) throws -> SignatureBundle {
        guard FileSystem.exists(path) else {
            throw ArtefactError.rejected("no signature bundle at \(path); sign the model, or name the bundle with --signature FILE")
        }
        return try decode(FileSystem.readFile(path, limit: maximumSize), source: path)
    }
}
