/// What an OCI model image says about the model it carries besides its files: its image
/// manifest's annotations and its config. A pull holds each against the signed payload,
/// so a registry cannot present one validly signed model under another's tag or image.
struct ModelImageClaims: Sendable {
    let annotations: [String: String]
    let config: OCIDescriptor

    /// The claims of an image manifest (see `ModelImage`).
    static func read(imageManifest bytes: [UInt8], source: String) throws -> ModelImageClaims {
        let failure = { @Sendable (message: String) in ArtefactError.rejected("\(source): \(message)") }
        var reader = try manifestReader(bytes, failure: failure)
        var annotations: [String: String] = [:]
        if case .object(let members)? = reader.optionalValue("annotations") {
            for (key, value) in members { if case .string(let text) = value { annotations[key] = text } }
        }
        let config = try OCIDescriptor.decode(reader.requiredValue("config"), context: "manifest.config", failure: failure)
        return ModelImageClaims(annotations: annotations, config: config)
    }

    /// The digest of the image a bundle manifest names as its `subject`.
    static func subject(ofBundleManifest bytes: [UInt8], source: String) throws -> SHA256Digest {
        let failure = { @Sendable (message: String) in ArtefactError.rejected("\(source): \(message)") }
        var reader = try manifestReader(bytes, failure: failure)
        guard let subject = reader.optionalValue("subject") else { throw failure("the signature manifest names no subject") }
        return try OCIDescriptor.decode(subject, context: "manifest.subject", failure: failure).digest
    }

    /// Where this image disagrees with the signed `manifest` (name, version, model digest
    /// or classification, in the annotations or in the config), or nil when it agrees.
    func disagreement(with manifest: ModelManifest, configBytes: [UInt8]) -> String? {
        let signed: [(String, String, String?)] = [
            ("name", OCIMediaType.nameAnnotation, manifest.name),
            ("version", OCIMediaType.versionAnnotation, manifest.version),
            ("modelDigest", OCIMediaType.digestAnnotation, manifest.modelDigest.prefixed),
            ("classification", OCIMediaType.classificationAnnotation, manifest.classification.rawValue),
        ]
        for (_, annotation, value) in signed where annotations[annotation] != value {
            return "the image manifest's annotation \(annotation) is \(annotations[annotation].map { "\"\($0)\"" } ?? "missing"), "
                + "but the signed value is \(value.map { "\"\($0)\"" } ?? "absent")"
        }
        let failure = { @Sendable (message: String) in ArtefactError.rejected(message) }
        guard let value = try? StrictJSONParser.parse(configBytes), var reader = try? JSONObjectReader(value, context: "config", failure: failure)
        else { return "the image config is not a JSON object" }
        for (member, _, expected) in signed {
            let actual = try? reader.optionalString(member)
            guard actual == expected else {
                return "the image config's \(member) is not the signed value \(expected.map { "\"\($0)\"" } ?? "(absent)")"
            }
        }
        return nil
    }

    private static func manifestReader(_ bytes: [UInt8], failure: @escaping @Sendable (String) -> ArtefactError) throws -> JSONObjectReader {
        let value: JSONValue
        do { value = try StrictJSONParser.parse(bytes) } catch { throw failure("manifest is not valid JSON: \(error)") }
        return try JSONObjectReader(value, context: "manifest", failure: failure)
    }
}
