/// A Sigstore bundle v0.3 as model_signing writes it for a key signature
/// (`_signing/sign_ec_key.py`): verification material that is a public key hint (the
/// SHA-256 of the signer's PEM public key) and an empty transparency log, and a DSSE
/// envelope with one signature over the in-toto payload.
///
/// Read strictly. Duplicate keys and unknown members reject, and so does every member the
/// bundle format defines that artefact does not verify: a certificate or chain, public key
/// bytes or details, transparency-log entries, timestamps, a second signature. A reader
/// must never take such a member for checked.
public struct OMSBundle: Equatable, Sendable {
    public let envelope: DSSEEnvelope
    /// `verificationMaterial.publicKey.hint`: lowercase hex SHA-256 of the signer's public
    /// key as PEM; model_signing refuses a key whose hint differs.
    public let publicKeyHint: String?

    public init(envelope: DSSEEnvelope, publicKeyHint: String?) {
        self.envelope = envelope
        self.publicKeyHint = publicKeyHint
    }

    /// The one signature (DER ECDSA over the DSSE PAE).
    public var signature: DSSESignature { envelope.signatures[0] }

    /// The bundle as model_signing writes it.
    public var json: JSONValue {
        jsonObject([
            ("mediaType", .string(SignatureBundle.mediaType)),
            ("verificationMaterial", jsonObject([
                ("publicKey", jsonObject([("hint", publicKeyHint.map(JSONValue.string))])),
                ("tlogEntries", .array([])),
            ])),
            ("dsseEnvelope", jsonObject([
                ("payload", .string(Base64.encode(envelope.payload))),
                ("payloadType", .string(envelope.payloadType)),
                ("signatures", .array(envelope.signatures.map {
                    jsonObject([("sig", .string(Base64.encode($0.signature))), ("keyid", .string($0.keyID))])
                })),
            ])),
        ])
    }

    public var fileBytes: [UInt8] { JSONWriter.pretty(json) }

    /// Whether `bytes` are a bundle whose payload claims an OMS predicate type (v1.0, or
    /// the older v0.1 that is then refused by name). Nothing is verified here: this only
    /// chooses the decoder.
    public static func claimsOMS(_ bytes: [UInt8]) -> Bool {
        guard let document = try? StrictJSONParser.parse(bytes), case .object(let members) = document,
              case .object(let envelope)? = members.first(where: { $0.0 == "dsseEnvelope" })?.1,
              case .string(let encoded)? = envelope.first(where: { $0.0 == "payload" })?.1,
              let payload = Base64.decode(encoded),
              let type = OMSStatement.predicateType(ofPayload: payload) else { return false }
        return type == OMSFormat.predicateType || type == OMSFormat.legacyPredicateType
    }

    /// Decodes a bundle file's bytes; anything malformed rejects the artefact. The payload
    /// is only checked to claim OMS v1.0 here: `OMSStatement.decode` reads it once the
    /// signature over it has verified.
    public static func decode(_ bytes: [UInt8]) throws -> OMSBundle {
        let document: JSONValue
        do { document = try StrictJSONParser.parse(bytes) } catch { throw OMSFormat.reject("not valid JSON: \(error)") }
        var bundle = try JSONObjectReader(document, context: "bundle", failure: OMSFormat.reject)
        let mediaType = try bundle.string("mediaType")
        guard mediaType == SignatureBundle.mediaType else {
            throw OMSFormat.reject("mediaType \"\(ModelPath.printable(mediaType))\" is not \(SignatureBundle.mediaType)")
        }
        let hint = try decodeVerificationMaterial(bundle.object("verificationMaterial"))
        var envelopeReader = try bundle.object("dsseEnvelope")
        try bundle.rejectUnknownMembers()
        let payloadType = try envelopeReader.string("payloadType")
        guard payloadType == DSSE.inTotoPayloadType else {
            throw OMSFormat.reject("payloadType \"\(ModelPath.printable(payloadType))\" is not \(DSSE.inTotoPayloadType)")
        }
        guard let payload = Base64.decode(try envelopeReader.string("payload")) else {
            throw OMSFormat.reject("dsseEnvelope.payload is not base64")
        }
        let values = try envelopeReader.array("signatures")
        try envelopeReader.rejectUnknownMembers()
        guard values.count == 1 else {
            throw OMSFormat.reject("the envelope has \(values.count) signatures; an OMS key bundle has exactly one")
        }
        var reader = try JSONObjectReader(values[0], context: "dsseEnvelope.signatures[0]", failure: OMSFormat.reject)
        let keyID = try reader.optionalString("keyid") ?? ""
        guard let signature = Base64.decode(try reader.string("sig")) else {
            throw OMSFormat.reject("dsseEnvelope.signatures[0].sig is not base64")
        }
        try reader.rejectUnknownMembers()
        if OMSStatement.predicateType(ofPayload: payload) == OMSFormat.legacyPredicateType {
            throw OMSFormat.reject("predicateType \(OMSFormat.legacyPredicateType) (model_signing before 1.0) is not supported; "
                + "re-sign with model_signing 1.x")
        }
        return OMSBundle(envelope: DSSEEnvelope(payloadType: payloadType, payload: payload,
                                                signatures: [DSSESignature(keyID: keyID, signature: signature)]),
                         publicKeyHint: hint)
    }

    /// `verificationMaterial`: a `publicKey` with at most a `hint`, and `tlogEntries`
    /// absent or empty. Returns the hint.
    private static func decodeVerificationMaterial(_ reader: JSONObjectReader) throws -> String? {
        var material = reader
        try refuseUnverified(["certificate", "x509CertificateChain", "timestampVerificationData"], in: material)
        var key = try material.object("publicKey")
        try refuseUnverified(["rawBytes", "keyDetails"], in: key)
        if let entries = try material.optionalArray("tlogEntries"), !entries.isEmpty {
            throw OMSFormat.reject("verificationMaterial.tlogEntries holds entries; artefact verifies no transparency log, so it accepts none")
        }
        try material.rejectUnknownMembers()
        let hint = try key.optionalString("hint")
        try key.rejectUnknownMembers()
        if let hint, hint.utf8.count != 64 || Hex.decode(hint) == nil {
            throw OMSFormat.reject("verificationMaterial.publicKey.hint is not a SHA-256 hex digest")
        }
        return hint
    }

    /// Members the bundle format defines that artefact does not check here: each rejects
    /// by name rather than as merely unknown, so the reason is plain.
    private static func refuseUnverified(_ members: [String], in reader: JSONObjectReader) throws {
        if let present = members.first(where: reader.keys.contains) {
            throw OMSFormat.reject("\(reader.context).\(present) is present; artefact verifies OMS bundles signed with a key "
                + "alone, so it accepts none")
        }
    }
}
