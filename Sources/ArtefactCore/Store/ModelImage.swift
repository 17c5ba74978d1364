/// A signed model in OCI form (see `Docs/FORMAT.md`, "OCI layout"): an image manifest
/// whose layers are the model's files, each titled with its relative path, and a second
/// manifest that carries the signature bundle and names the first as its `subject`.
public struct ModelImage: Sendable {
    /// The OCI empty descriptor's content, used as the bundle manifest's config.
    public static let emptyJSON = Array("{}".utf8)
    public static let emptyMediaType = "application/vnd.oci.empty.v1+json"

    public let manifest: ModelManifest
    public let bundleBytes: [UInt8]
    /// One layer per file, in the manifest's file order.
    public let layers: [OCIDescriptor]
    /// The image manifest, serialised once.
    public let imageManifestBytes: [UInt8]

    /// - Parameter blobDigests: each file's whole-content SHA-256, in the manifest's file order.
    public init(manifest: ModelManifest, bundleBytes: [UInt8], blobDigests: [SHA256Digest]) {
        self.manifest = manifest
        self.bundleBytes = bundleBytes
        let layers = zip(manifest.contents.files, blobDigests).map { file, digest in
            OCIDescriptor(mediaType: OCIMediaType.modelFile, digest: digest, size: file.size,
                          annotations: [OCIMediaType.titleAnnotation: file.path])
        }
        self.layers = layers
        let annotations = Self.annotations(of: manifest)
        let config = OCIDescriptor.of(Self.config(of: manifest), mediaType: OCIMediaType.modelConfig)
        imageManifestBytes = JSONWriter.compact(jsonObject([
            ("schemaVersion", .integer(2)),
            ("mediaType", .string(OCIMediaType.imageManifest)),
            ("artifactType", .string(OCIMediaType.modelArtifact)),
            ("config", config.json),
            ("layers", .array(layers.map(\.json))),
            ("annotations", .object(annotations.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
        ]))
    }

    /// The tag of this model version: `NAME_VERSION` (OCI `ref.name` and registry tag).
    public static func reference(name: String, version: String) -> String { "\(name)_\(version)" }

    public var modelAnnotations: [String: String] { Self.annotations(of: manifest) }

    private static func annotations(of manifest: ModelManifest) -> [String: String] {
        var annotations = [
            OCIMediaType.nameAnnotation: manifest.name,
            OCIMediaType.digestAnnotation: manifest.modelDigest.prefixed,
            OCIMediaType.classificationAnnotation: manifest.classification.rawValue,
        ]
        if let version = manifest.version { annotations[OCIMediaType.versionAnnotation] = version }
        return annotations
    }

    public var configBytes: [UInt8] { Self.config(of: manifest) }

    private static func config(of manifest: ModelManifest) -> [UInt8] {
        JSONWriter.compact(jsonObject([
            ("name", .string(manifest.name)), ("version", manifest.version.map(JSONValue.string)),
            ("classification", .string(manifest.classification.rawValue)),
            ("modelDigest", .string(manifest.modelDigest.prefixed)),
            ("symlinks", .array(manifest.contents.symlinks.map(\.json))),
        ]))
    }

    public var config: OCIDescriptor { .of(configBytes, mediaType: OCIMediaType.modelConfig) }

    /// The image manifest's descriptor, as the index lists it.
    public var imageDescriptor: OCIDescriptor {
        var annotations = modelAnnotations
        if let version = manifest.version {
            annotations[OCIMediaType.refNameAnnotation] = Self.reference(name: manifest.name, version: version)
        }
        return .of(imageManifestBytes, mediaType: OCIMediaType.imageManifest, artifactType: OCIMediaType.modelArtifact,
                   annotations: annotations)
    }

    public var bundle: OCIDescriptor { .of(bundleBytes, mediaType: OCIMediaType.bundle) }
    public var emptyConfig: OCIDescriptor { .of(Self.emptyJSON, mediaType: Self.emptyMediaType) }

    public var bundleManifestBytes: [UInt8] {
        let subject = imageDescriptor
        return JSONWriter.compact(jsonObject([
            ("schemaVersion", .integer(2)),
            ("mediaType", .string(OCIMediaType.imageManifest)),
            ("artifactType", .string(OCIMediaType.bundle)),
            ("config", emptyConfig.json),
            ("layers", .array([bundle.json])),
            ("subject", OCIDescriptor(mediaType: subject.mediaType, digest: subject.digest, size: subject.size).json),
        ]))
    }

    /// The bundle manifest's descriptor, as the index lists it.
    public var bundleManifestDescriptor: OCIDescriptor {
        .of(bundleManifestBytes, mediaType: OCIMediaType.imageManifest, artifactType: OCIMediaType.bundle,
            annotations: [OCIMediaType.subjectAnnotation: imageDescriptor.digest.prefixed])
    }

    /// The small blobs besides the files: config, bundle, empty config and both manifests.
    public var metadataBlobs: [[UInt8]] { [configBytes, bundleBytes, Self.emptyJSON, imageManifestBytes, bundleManifestBytes] }

    /// The layers of an image manifest: each file's path, digest and size.
    public static func layers(ofImageManifest bytes: [UInt8], source: String) throws -> [OCIDescriptor] {
        let failure = { @Sendable (message: String) in ArtefactError.rejected("\(source): \(message)") }
        let value: JSONValue
        do { value = try StrictJSONParser.parse(bytes) } catch { throw failure("manifest is not valid JSON: \(error)") }
        var reader = try JSONObjectReader(value, context: "manifest", failure: failure)
        return try reader.array("layers").enumerated().map { index, layer in
            try OCIDescriptor.decode(layer, context: "manifest.layers[\(index)]", failure: failure)
        }
    }

    /// The single layer of a bundle manifest: the bundle blob.
    public static func bundleLayer(ofBundleManifest bytes: [UInt8], source: String) throws -> OCIDescriptor {
        let layers = try layers(ofImageManifest: bytes, source: source)
        guard layers.count == 1, layers[0].mediaType == OCIMediaType.bundle else {
            throw ArtefactError.rejected("\(source): the signature manifest must hold exactly one bundle layer")
        }
        return layers[0]
    }
}
