/// How a file goes up: whole, or as a multipart upload of equal parts (the last shorter).
/// S3 allows at most 10,000 parts of at least 5 MiB (the last excepted) and objects of at
/// most 5 TiB; parts here are at least 8 MiB, growing in whole MiB so a file of any
/// allowed size fits in 10,000 parts.
///
/// Test knobs (documented, never needed in use): `ARTEFACT_S3_MULTIPART_THRESHOLD` (bytes;
/// files at or above it go multipart) and `ARTEFACT_S3_PART_SIZE` (bytes; the smallest part
/// size), so that tests exercise multipart uploads and their resume with small models.
struct S3PartPlan: Equatable {
    static let multipartThreshold: Int64 = 64 << 20
    static let minimumPartSize: Int64 = 8 << 20
    static let maximumParts: Int64 = 10_000
    static let maximumObjectSize: Int64 = 5 << 40
    private static let mebibyte: Int64 = 1 << 20
    /// S3's own minimum for every part but the last, which the test knob cannot go below
    /// (SeaweedFS, like AWS, refuses to complete an upload with smaller parts).
    static let smallestAllowedPart: Int64 = 5 << 20

    let size: Int64
    /// Nil for a single PUT.
    let partSize: Int64?

    /// The plan for a file of `size` bytes under the process's test knobs.
    init(size: Int64) throws {
        try self.init(size: size, threshold: Self.knob("ARTEFACT_S3_MULTIPART_THRESHOLD", minimum: 1) ?? Self.multipartThreshold,
                      smallestPart: Self.knob("ARTEFACT_S3_PART_SIZE", minimum: Self.smallestAllowedPart) ?? Self.minimumPartSize)
    }

    init(size: Int64, threshold: Int64, smallestPart: Int64) throws {
        guard size <= Self.maximumObjectSize else {
            throw ArtefactError.badInput("a file of \(size) bytes is larger than the 5 TiB an S3 object may hold")
        }
        self.size = size
        guard size >= threshold, size > 0 else {
            partSize = nil
            return
        }
        let spread = (size + Self.maximumParts - 1) / Self.maximumParts
        let rounded = (spread + Self.mebibyte - 1) / Self.mebibyte * Self.mebibyte
        partSize = max(smallestPart, rounded)
    }

    /// How many parts; 1 for a single PUT.
    var partCount: Int {
        guard let partSize else { return 1 }
        return Int((size + partSize - 1) / partSize)
    }

    /// The byte range of part `number` (1-based).
    func range(ofPart number: Int) -> (offset: Int64, length: Int64) {
        guard let partSize else { return (0, size) }
        let offset = Int64(number - 1) * partSize
        return (offset, min(partSize, size - offset))
    }

    private static func knob(_ name: String, minimum: Int64) throws -> Int64? {
        guard let text = Environment.value(name) else { return nil }
        guard let value = Int64(text), value >= minimum else {
            throw ArtefactError.badInput("\(name) takes a number of bytes of at least \(minimum), not \"\(text)\"")
        }
        return value
    }
}
