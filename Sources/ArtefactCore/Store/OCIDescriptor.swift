/// An OCI content descriptor: what a blob is, its digest and size, and annotations.
public struct OCIDescriptor: Equatable, Sendable {
    public let mediaType: String
    public let digest: SHA256Digest
    public let size: Int64
    public let artifactType: String?
    public let annotations: [String: String]

    public init(mediaType: String, digest: SHA256Digest, size: Int64, artifactType: String? = nil, annotations: [String: String] = [:]) {
        self.mediaType = mediaType
        self.digest = digest
        self.size = size
        self.artifactType = artifactType
        self.annotations = annotations
    }

    /// The descriptor of `bytes` as a blob of `mediaType`.
    public static func of(_ bytes: [UInt8], mediaType: String, artifactType: String? = nil,
                          annotations: [String: String] = [:]) -> OCIDescriptor {
        OCIDescriptor(mediaType: mediaType, digest: SHA256Hasher.digest(bytes), size: Int64(bytes.count),
                      artifactType: artifactType, annotations: annotations)
    }

    public var json: JSONValue {
        jsonObject([
            ("mediaType", .string(mediaType)),
            ("digest", .string(digest.prefixed)),
            ("size", .integer(size)),
            ("artifactType", artifactType.map(JSONValue.string)),
            ("annotations", annotations.isEmpty ? nil : .object(annotations.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
        ])
    }

    /// Decodes a descriptor; unknown fields are ignored, as the OCI specification says.
    public static func decode(_ value: JSONValue, context: String, failure: @escaping @Sendable (String) -> ArtefactError) throws -> OCIDescriptor {
        var reader = try JSONObjectReader(value, context: context, failure: failure)
        let digestText = try reader.string("digest")
        guard let digest = SHA256Digest(prefixed: digestText) else {
            throw failure("\(context).digest \"\(digestText)\" is not a sha256 digest")
        }
        var annotations: [String: String] = [:]
        if case .object(let members)? = reader.optionalValue("annotations") {
            for (key, value) in members { if case .string(let text) = value { annotations[key] = text } }
        }
        let size = try reader.integer("size")
        guard size >= 0 else { throw failure("\(context).size is negative") }
        return OCIDescriptor(mediaType: try reader.string("mediaType"), digest: digest, size: size,
                             artifactType: try reader.optionalString("artifactType"), annotations: annotations)
    }
}
