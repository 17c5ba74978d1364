/// The signed payload of an OMS bundle: an in-toto Statement v1 with one subject (the
/// model's directory name and the root digest) and the `https://model_signing/signature/v1.0`
/// predicate (`serialization` and `resources`). Follows model_signing's `_signing/signing.py`
/// (`Payload`, `dsse_payload_to_manifest`).
public struct OMSStatement: Equatable, Sendable {
    /// The subject name: the model directory's last component when it was signed. OMS
    /// treats it as informative; artefact matches policy rules against it.
    public let name: String
    public let serialization: OMSSerialization
    /// The resources, in the order the statement lists them.
    public let resources: [OMSResource]
    /// The subject's digest: SHA-256 over the resources' digest bytes in that order.
    public let rootDigest: SHA256Digest

    /// A statement for `resources` (sorted here into model_signing's order).
    public init(name: String, serialization: OMSSerialization, resources: [OMSResource]) {
        self.name = name
        self.serialization = serialization
        self.resources = resources.sorted { OMSResourceKey.precedes($0.key, $1.key) }
        self.rootDigest = Self.rootDigest(of: self.resources)
    }

    private init(name: String, serialization: OMSSerialization, listed: [OMSResource], rootDigest: SHA256Digest) {
        self.name = name
        self.serialization = serialization
        self.resources = listed
        self.rootDigest = rootDigest
    }

    /// OMS's subject digest rule: SHA-256 of the concatenated 32-byte digests of the
    /// resources, in the order listed (model_signing lists them sorted).
    public static func rootDigest(of resources: [OMSResource]) -> SHA256Digest {
        let hasher = SHA256Hasher()
        for resource in resources { hasher.update(resource.digest.bytes) }
        return hasher.finish()
    }

    /// The payload to sign, as compact JSON.
    public var payload: [UInt8] {
        JSONWriter.compact(jsonObject([
            ("_type", .string(ModelStatement.statementType)),
            ("subject", .array([jsonObject([("name", .string(name)), ("digest", jsonObject([("sha256", .string(rootDigest.hex))]))])])),
            ("predicateType", .string(OMSFormat.predicateType)),
            ("predicate", jsonObject([
                ("serialization", serialization.json),
                ("resources", .array(resources.map { $0.json(algorithm: serialization.resourceAlgorithm) })),
            ])),
        ]))
    }

    /// The predicate type a payload claims, or nil when it is not a JSON object with one.
    /// Used only to tell an OMS bundle from an artefact bundle before either is decoded.
    static func predicateType(ofPayload payload: [UInt8]) -> String? {
        guard let document = try? StrictJSONParser.parse(payload), case .object(let members) = document,
              case .string(let type)? = members.first(where: { $0.0 == "predicateType" })?.1 else { return nil }
        return type
    }

    /// Decodes a payload strictly: duplicate keys and members OMS v1.0 does not define, at
    /// any level, reject; so do a subject digest other than the one the resources imply, a
    /// resource listed twice, no resources at all, and more than `maximumResources`.
    public static func decode(payload: [UInt8]) throws -> OMSStatement {
        let document: JSONValue
        do { document = try StrictJSONParser.parse(payload) } catch { throw OMSFormat.reject("the payload is not valid JSON: \(error)") }
        var statement = try JSONObjectReader(document, context: "statement", failure: OMSFormat.reject)
        guard try statement.string("_type") == ModelStatement.statementType else {
            throw OMSFormat.reject("statement._type is not \(ModelStatement.statementType)")
        }
        let predicateType = try statement.string("predicateType")
        guard predicateType == OMSFormat.predicateType else {
            throw OMSFormat.reject("predicateType \"\(ModelPath.printable(predicateType))\" is not \(OMSFormat.predicateType)")
        }
        let subjects = try statement.array("subject")
        guard subjects.count == 1 else { throw OMSFormat.reject("the statement must have exactly one subject, not \(subjects.count)") }
        var subject = try JSONObjectReader(subjects[0], context: "statement.subject[0]", failure: OMSFormat.reject)
        let name = try subject.string("name")
        var digests = try subject.object("digest")
        let claimedText = try digests.string("sha256")
        try digests.rejectUnknownMembers()
        try subject.rejectUnknownMembers()
        try ModelManifest.checkLabel(name, field: "name", failure: OMSFormat.reject)
        guard let claimed = SHA256Digest(hex: claimedText) else {
            throw OMSFormat.reject("statement.subject[0].digest.sha256 is not a SHA-256 hex digest")
        }
        var predicate = try statement.object("predicate")
        try statement.rejectUnknownMembers()
        let serialization = try OMSSerialization.decode(predicate.requiredValue("serialization"))
        let values = try predicate.array("resources")
        try predicate.rejectUnknownMembers()
        guard !values.isEmpty else { throw OMSFormat.reject("predicate.resources is empty: the bundle signs no file") }
        guard values.count <= OMSFormat.maximumResources else {
            throw OMSFormat.reject("predicate.resources lists more than \(OMSFormat.maximumResources) resources")
        }
        var seen = Set<OMSResourceKey>()
        let resources = try values.enumerated().map { index, value in
            let resource = try OMSResource.decode(value, index: index, serialization: serialization)
            guard seen.insert(resource.key).inserted else {
                throw OMSFormat.reject("predicate.resources lists \"\(ModelPath.printable(resource.key.name))\" twice")
            }
            return resource
        }
        let computed = rootDigest(of: resources)
        guard computed == claimed else {
            throw OMSFormat.reject("the subject digest \(claimed) is not \(computed), the digest of the listed resources")
        }
        return OMSStatement(name: name, serialization: serialization, listed: resources, rootDigest: computed)
    }
}
