@testable import ArtefactCore
import Testing

/// The S3 endpoint's pure parts: how a file is cut into parts within S3's limits, the
/// resume record's round trip, and how a prefix's listing is held to a signed manifest
/// (extra, missing, resized, ignored objects, an object where a symlink is signed).
@Suite struct S3LayoutTests {
    private let mebibyte: Int64 = 1 << 20

    @Test func smallFilesGoWholeAndLargeOnesInPartsWithinTenThousand() throws {
        #expect(try S3PartPlan(size: 0, threshold: 64 * mebibyte, smallestPart: 8 * mebibyte).partSize == nil)
        #expect(try S3PartPlan(size: 64 * mebibyte - 1, threshold: 64 * mebibyte, smallestPart: 8 * mebibyte).partCount == 1)
        let sixtyFour = try S3PartPlan(size: 64 * mebibyte, threshold: 64 * mebibyte, smallestPart: 8 * mebibyte)
        #expect(sixtyFour.partSize == 8 * mebibyte)
        #expect(sixtyFour.partCount == 8)
        // 100 GiB: 10,000 parts of 8 MiB are not enough, so parts grow to 11 MiB (whole MiB).
        let large = try S3PartPlan(size: 100 << 30, threshold: 64 * mebibyte, smallestPart: 8 * mebibyte)
        #expect(large.partSize == 11 * mebibyte)
        #expect(large.partCount <= 10_000)
        let largest = try S3PartPlan(size: S3PartPlan.maximumObjectSize, threshold: 64 * mebibyte, smallestPart: 8 * mebibyte)
        #expect(largest.partCount <= 10_000)
        #expect(try #require(largest.partSize) >= 5 * mebibyte)
        #expect(throws: ArtefactError.self) {
            try S3PartPlan(size: S3PartPlan.maximumObjectSize + 1, threshold: 64 * mebibyte, smallestPart: 8 * mebibyte)
        }
    }

    @Test func partsCoverTheFileExactlyWithAShorterLastOne() throws {
        let plan = try S3PartPlan(size: 10 * mebibyte + 5, threshold: 1, smallestPart: 4 * mebibyte)
        #expect(plan.partCount == 3)
        #expect(plan.range(ofPart: 1) == (0, 4 * mebibyte))
        #expect(plan.range(ofPart: 2) == (4 * mebibyte, 4 * mebibyte))
        #expect(plan.range(ofPart: 3) == (8 * mebibyte, 2 * mebibyte + 5))
    }

    @Test func theResumeRecordRoundTripsAndRefusesWhatIsNotOne() throws {
        var record = S3UploadRecord(uploadID: "upload/1", partSize: 8 * mebibyte)
        record.parts[2] = S3UploadedPart(number: 2, etag: "\"abc\"", sha256: SHA256Hasher.digest([2]))
        record.parts[1] = S3UploadedPart(number: 1, etag: "\"def\"", sha256: SHA256Hasher.digest([1]))
        let decoded = try S3UploadRecord.decode(record.encoded())
        #expect(decoded.uploadID == "upload/1")
        #expect(decoded.partSize == 8 * mebibyte)
        #expect(decoded.parts[1]?.etag == "\"def\"")
        #expect(decoded.parts[2]?.sha256 == SHA256Hasher.digest([2]))
        // A line cut short by a kill is not a part; the lines before it are.
        let cut = record.encoded().dropLast(5)
        #expect(try S3UploadRecord.decode(Array(cut)).parts.keys.sorted() == [1])
        #expect(throws: ArtefactError.self) { try S3UploadRecord.decode(Array(#"{"uploadId":"u","partSize":1,"x":1}"#.utf8) + [0x0A]) }
        #expect(throws: ArtefactError.self) {
            try S3UploadRecord.decode(Array(#"{"uploadId":"u","partSize":1}"#.utf8) + [0x0A]
                + Array(#"{"number":1,"etag":"e","sha256":"zz"}"#.utf8) + [0x0A])
        }
        #expect(throws: ArtefactError.self) { try S3UploadRecord.decode([]) }
    }

    private func manifest(ignore: [String] = []) throws -> ModelManifest {
        let files = [ModelFile(path: "config.json", size: 10, digest: .whole(SHA256Hasher.digest([1]))),
                     ModelFile(path: "weights/model.bin", size: 100, digest: .whole(SHA256Hasher.digest([2])))]
        return try ModelManifest(name: "m", version: "1.0.0", classification: .internal, createdAt: Timestamp(secondsSinceEpoch: 1_767_225_600),
                                 expiresAt: nil, hashing: .files, ignore: ignore,
                                 contents: ModelContents(files: files, symlinks: [ModelSymlink(path: "latest.json", target: "config.json")]))
    }

    private func contents(_ objects: [String: Int64], prefix: String = "models/m") throws -> S3PrefixContents {
        let location = try S3Location(parsing: "s3://bucket/\(prefix)")
        return S3PrefixContents(listing: objects.map { S3ObjectInfo(key: location.key(for: $0.key), size: $0.value) }, location: location)
    }

    @Test func aListingHoldingExactlyTheSignedFilesAndTheBundleIsClean() throws {
        let listed = try contents(["config.json": 10, "weights/model.bin": 100, "model.sig": 5000])
        #expect(listed.bundle?.size == 5000)
        #expect(try listed.comparison(with: manifest()).isClean)
    }

    @Test func extraMissingResizedAndSymlinkObjectsAreDifferences() throws {
        let comparison = try contents(["config.json": 11, "extra.bin": 1, "latest.json": 2, "model.sig": 5000])
            .comparison(with: manifest())
        #expect(comparison.extra == ["extra.bin"])
        #expect(comparison.missing == ["weights/model.bin"])
        #expect(comparison.mismatched == ["config.json", "latest.json"])
    }

    @Test func ignoredObjectsAreLeftOutAsInADirectory() throws {
        let listed = try contents(["config.json": 10, "weights/model.bin": 100, ".git/HEAD": 4, "weights/.git/x": 1, "notes.tmp": 3])
        #expect(try listed.comparison(with: manifest(ignore: [".git/", "*.tmp"])).isClean)
        #expect(try listed.comparison(with: manifest(ignore: [".git/"])).extra == ["notes.tmp"])
    }

    @Test func aBucketRootPrefixHoldsKeysAsTheyAre() throws {
        let listed = try contents(["config.json": 10, "weights/model.bin": 100, "model.sig": 1], prefix: "")
        #expect(try listed.comparison(with: manifest()).isClean)
    }
}
