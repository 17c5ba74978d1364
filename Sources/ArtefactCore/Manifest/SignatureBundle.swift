/// A Sigstore bundle v0.3 (JSON) holding a DSSE envelope, as artefact writes and reads it
/// (see `Docs/FORMAT.md`, "Bundle").
public struct SignatureBundle: Equatable, Sendable {
    public static let mediaType = "application/vnd.dev.sigstore.bundle.v0.3+json"
    /// The largest bundle read (from a file or a registry); larger ones are refused before
    /// parsing. Sized for the largest real models: a file entry in the signed payload is
    /// about 100 bytes plus its path (a 150-byte path makes 250), 4/3 of that once the
    /// payload is base64 in the envelope, so 100,000 files with 200-byte paths come to
    /// about 40 MB; 64 MiB leaves half again as much for longer paths, shards and
    /// certificates. Parsing takes at most `StrictJSONParser.memoryMultiple` times this.
    public static let maximumSize = 64 << 20

    public let envelope: DSSEEnvelope
    /// `verificationMaterial.publicKey.hint`: the key id of the first signer.
    public let publicKeyHint: String?
    /// The certificate chains of the signers who signed with a certificate, by key id
    /// (artefact's `artefactSigners` extension; see `Docs/FORMAT.md`).
    public let signerCertificates: [SignerCertificates]

    public init(envelope: DSSEEnvelope, publicKeyHint: String?, signerCertificates: [SignerCertificates] = []) {
        self.envelope = envelope
        self.publicKeyHint = publicKeyHint
        self.signerCertificates = signerCertificates
    }

    /// The certificate chain presented for the signature with this key id, if any.
    public func certificates(forKeyID keyID: String) -> SignerCertificates? {
        signerCertificates.first { $0.keyID == keyID }
    }

    /// This bundle with one more signature (and its certificates) over the same payload.
    public func appending(_ signature: DSSESignature, certificates: SignerCertificates?) -> SignatureBundle {
        SignatureBundle(envelope: envelope.appending(signature), publicKeyHint: publicKeyHint,
                        signerCertificates: signerCertificates + (certificates.map { [$0] } ?? []))
    }

    public var json: JSONValue {
        jsonObject([
            ("mediaType", .string(Self.mediaType)),
            ("verificationMaterial", verificationMaterialJSON),
            ("dsseEnvelope", jsonObject([
                ("payload", .string(Base64.encode(envelope.payload))),
                ("payloadType", .string(envelope.payloadType)),
                ("signatures", .array(envelope.signatures.map {
                    jsonObject([("keyid", .string($0.keyID)), ("sig", .string(Base64.encode($0.signature)))])
                })),
            ])),
            ("artefactSigners", signerCertificates.isEmpty ? nil : .array(signerCertificates.map(\.json))),
        ])
    }

    /// Sigstore's verification material describes one signer: the first signature's leaf
    /// certificate when it has one, its key id hint otherwise. The empty `tlogEntries` says
    /// there is no transparency-log entry; Sigstore's bundle models (`sigstore-models`, so
    /// the `sigstore` and `model_signing` packages) require the member to be present.
    private var verificationMaterialJSON: JSONValue {
        let noLogEntries: (String, JSONValue?) = ("tlogEntries", .array([]))
        if let first = envelope.signatures.first, let chain = certificates(forKeyID: first.keyID), let leaf = chain.derChain.first {
            return jsonObject([("certificate", jsonObject([("rawBytes", .string(Base64.encode(leaf)))])), noLogEntries])
        }
        return jsonObject([("publicKey", publicKeyHint.map { jsonObject([("hint", .string($0))]) }), noLogEntries])
    }

    public var fileBytes: [UInt8] { JSONWriter.pretty(json) }

    /// Decodes a bundle file. Duplicate keys anywhere are refused; so is any payload type
    /// other than in-toto's, any member at any level that artefact does not know, and
    /// verification material that is not what artefact verifies (see `Docs/FORMAT.md`,
    /// "Bundle"). A malformed bundle rejects the artefact.
    public static func decode(_ bytes: [UInt8], source: String) throws -> SignatureBundle {
        let reject = { @Sendable (message: String) in ArtefactError.rejected("bundle \(source): \(message)") }
        let document: JSONValue
        do { document = try StrictJSONParser.parse(bytes) } catch { throw reject("not valid JSON: \(error)") }
        var bundle = try JSONObjectReader(document, context: "bundle", failure: reject)
        let mediaType = try bundle.string("mediaType")
        guard mediaType == Self.mediaType else { throw reject("mediaType \"\(mediaType)\" is not \(Self.mediaType)") }
        let material = try bundle.object("verificationMaterial")
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
        let certificates = try (bundle.optionalArray("artefactSigners") ?? []).enumerated().map { index, value in
            try SignerCertificates.decode(value, context: "artefactSigners[\(index)]", failure: reject)
        }
        try bundle.rejectUnknownMembers()
        for (index, chain) in certificates.enumerated() {
            guard signatures.contains(where: { $0.keyID == chain.keyID }) else {
                throw reject("artefactSigners[\(index)] is for keyid \"\(chain.keyID)\", which made no signature in the envelope")
            }
            guard !certificates[..<index].contains(where: { $0.keyID == chain.keyID }) else {
                throw reject("artefactSigners[\(index)] repeats keyid \"\(chain.keyID)\"")
            }
        }
        let hint = try decodeVerificationMaterial(material, firstSignature: signatures[0],
                                                  firstChain: certificates.first { $0.keyID == signatures[0].keyID }, failure: reject)
        return SignatureBundle(envelope: DSSEEnvelope(payloadType: payloadType, payload: payload, signatures: signatures),
                               publicKeyHint: hint, signerCertificates: certificates)
    }

    /// `verificationMaterial` describes the first signer exactly as artefact writes it: the
    /// leaf of that signer's `artefactSigners` chain as `certificate`, or else `publicKey`
    /// with that signature's keyid as its hint. Transparency-log entries and timestamps
    /// are refused (an empty `tlogEntries` aside), because artefact verifies neither and a
    /// reader must not take them for checked. Returns the hint.
    private static func decodeVerificationMaterial(_ reader: JSONObjectReader, firstSignature: DSSESignature,
                                                   firstChain: SignerCertificates?,
                                                   failure: @escaping @Sendable (String) -> ArtefactError) throws -> String? {
        var material = reader
        let publicKey = try material.optionalObject("publicKey")
        let certificate = try material.optionalObject("certificate")
        if let entries = try material.optionalArray("tlogEntries"), !entries.isEmpty {
            throw failure("verificationMaterial.tlogEntries holds entries; artefact verifies no transparency log, so it accepts none")
        }
        if material.optionalValue("timestampVerificationData") != nil {
            throw failure("verificationMaterial.timestampVerificationData is present; artefact verifies no timestamps, so it accepts none")
        }
        try material.rejectUnknownMembers()
        switch (publicKey, certificate) {
        case (.some, .some):
            throw failure("verificationMaterial holds both publicKey and certificate; it describes one signer")
        case (nil, var certificate?):
            let raw = try certificate.string("rawBytes")
            try certificate.rejectUnknownMembers()
            guard let der = Base64.decode(raw) else { throw failure("verificationMaterial.certificate.rawBytes is not base64") }
            guard let firstChain, firstChain.derChain[0] == der else {
                throw failure("verificationMaterial.certificate is not the leaf certificate that artefactSigners gives for the first "
                    + "signature (keyid \"\(firstSignature.keyID)\")")
            }
            return nil
        case (var key?, nil):
            let hint = try key.optionalString("hint")
            try key.rejectUnknownMembers()
            if firstChain != nil {
                throw failure("verificationMaterial.publicKey is given, but the first signer presents a certificate, which belongs in verificationMaterial.certificate")
            }
            if let hint, hint != firstSignature.keyID {
                throw failure("verificationMaterial.publicKey.hint \"\(hint)\" is not the first signature's keyid \"\(firstSignature.keyID)\"")
            }
            return hint
        case (nil, nil):
            if firstChain != nil {
                throw failure("verificationMaterial.certificate is missing; the first signer presents a certificate")
            }
            return nil
        }
    }

    /// Reads a bundle file; a missing one rejects the artefact, since it is unsigned.
    public static func read(path: String) throws -> SignatureBundle {
        try decode(readBytes(path: path), source: path)
    }

    /// The bytes of a bundle file. The bundle is part of the artefact under test, so a
    /// missing one, one that is not a regular file (a FIFO would block the reader) and an
    /// oversized one reject the artefact.
    public static func readBytes(path: String) throws -> [UInt8] {
        guard FileSystem.exists(path) else {
            throw ArtefactError.rejected("no signature bundle at \(path); sign the model, or name the bundle with --signature FILE")
        }
        if let info = FileSystem.statusIfPresent(path), !info.isRegularFile {
            throw ArtefactError.rejected("bundle \(path) is a \(info.kindName), not a regular file")
        }
        if let size = FileSystem.sizeIfPresent(path), size > maximumSize {
            throw ArtefactError.rejected("bundle \(path) is \(size) bytes, more than the \(maximumSize)-byte limit")
        }
        // Opened with O_NONBLOCK and checked again with fstat, should it change meanwhile.
        return try FileSystem.readFile(path, limit: maximumSize)
    }
}
