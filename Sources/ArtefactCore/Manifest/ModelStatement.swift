/// The signed payload: an in-toto Statement v1 whose one subject is the model (its name
/// and model digest) and whose predicate is the `ModelManifest`.
public enum ModelStatement {
    public static let statementType = "https://in-toto.io/Statement/v1"

    /// The payload bytes to sign: compact JSON, members in a fixed order.
    public static func payload(for manifest: ModelManifest) -> [UInt8] {
        JSONWriter.compact(jsonObject([
            ("_type", .string(statementType)),
            ("subject", .array([jsonObject([
                ("name", .string(manifest.name)),
                ("digest", jsonObject([("sha256", .string(manifest.modelDigest.hex))])),
            ])])),
            ("predicateType", .string(ModelManifest.predicateType)),
            ("predicate", manifest.predicateJSON),
        ]))
    }

    /// Decodes a payload. Unknown Statement-level fields are ignored, as in-toto says;
    /// the predicate is decoded strictly; the subject must name the model and carry the
    /// digest its file list implies.
    public static func decode(payload: [UInt8]) throws -> ModelManifest {
        let reject = ModelManifestDecoder.reject
        let document: JSONValue
        do { document = try StrictJSONParser.parse(payload) } catch { throw reject("\(error)") }
        var statement = try JSONObjectReader(document, context: "statement", failure: reject)
        guard try statement.string("_type") == statementType else {
            throw reject("statement._type is not \(statementType)")
        }
        let predicateType = try statement.string("predicateType")
        guard predicateType == ModelManifest.predicateType else {
            throw reject("predicateType \"\(predicateType)\" is not \(ModelManifest.predicateType)")
        }
        let manifest = try ModelManifestDecoder.decode(statement.requiredValue("predicate"))
        let subjects = try statement.array("subject")
        guard subjects.count == 1 else { throw reject("the statement must have exactly one subject, not \(subjects.count)") }
        var subject = try JSONObjectReader(subjects[0], context: "statement.subject[0]", failure: reject)
        var digests = try subject.object("digest")
        guard try subject.string("name") == manifest.name else { throw reject("the subject name differs from the model name") }
        guard let claimed = try SHA256Digest(hex: digests.string("sha256")) else {
            throw reject("statement.subject[0].digest.sha256 is not a SHA-256 hex digest")
        }
        guard claimed == manifest.modelDigest else {
            throw reject("the subject digest \(claimed) does not match the digest of the signed file list \(manifest.modelDigest)")
        }
        return manifest
    }
}
