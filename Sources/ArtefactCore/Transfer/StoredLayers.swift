/// The file layers an image manifest lists, held to the signed file list.
enum StoredLayers {
    /// Refuses layers that are not the signed files, in order, with their sizes.
    static func check(_ layers: [OCIDescriptor], against manifest: ModelManifest) throws {
        guard layers.count == manifest.contents.files.count,
              zip(layers, manifest.contents.files).allSatisfy({
                  $0.annotations[OCIMediaType.titleAnnotation] == $1.path && $0.size == $1.size
              })
        else {
            throw TransferRejection(check: .integrity, reason: "the stored manifest's layers do not match the signed file list",
                                    manifest: manifest)
        }
    }
}
