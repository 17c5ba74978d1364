/// What a multipart upload has done so far, kept in the source store's staging area so a
/// rerun after a kill or a cut connection continues it: the upload id, the part size, and
/// each finished part's number, ETag and SHA-256 (servers list parts without checksums, so
/// only this record says what a part held). Written atomically after every part.
struct S3UploadRecord: Equatable {
    var uploadID: String
    var partSize: Int64
    var parts: [Int: S3UploadedPart] = [:]

    /// Where the record of uploading blob `digest` to `key` is kept, relative to the store:
    /// one name per endpoint, bucket, key and content.
    static func path(access: S3Access, key: String, digest: SHA256Digest) -> String {
        let identity = "\(access.endpoint.authority)/\(access.location.bucket)/\(key)/\(digest.hex)"
        return StoreLayout.Relative.staged("s3-upload-\(SHA256Hasher.digest(Array(identity.utf8)).hex.prefix(32)).json")
    }

    /// The record at `path` in `layout`, or nil when there is none or it does not parse (a
    /// record that cannot be read is only a lost chance to resume).
    static func read(_ path: String, in layout: StoreLayout) -> S3UploadRecord? {
        guard (try? layout.has(path)) == true, let bytes = try? layout.read(path, limit: 4 << 20) else { return nil }
        return try? decode(bytes)
    }

    func write(_ path: String, in layout: StoreLayout) throws {
        try layout.write(path, encoded())
    }

    static func remove(_ path: String, in layout: StoreLayout) {
        try? layout.directory.removeFile(path)
    }

    func encoded() -> [UInt8] {
        let parts = self.parts.values.sorted { $0.number < $1.number }.map { part in
            jsonObject([("number", .integer(part.number)), ("etag", .string(part.etag)),
                        ("sha256", part.sha256.map { .string($0.hex) })])
        }
        return JSONWriter.compact(jsonObject([("uploadId", .string(uploadID)), ("partSize", .integer(partSize)),
                                              ("parts", .array(parts))]))
    }

    static func decode(_ bytes: [UInt8]) throws -> S3UploadRecord {
        let failure = { @Sendable (message: String) in ArtefactError.operational("an S3 upload record: \(message)") }
        var reader = try JSONObjectReader(try StrictJSONParser.parse(bytes, failure: failure), context: "record", failure: failure)
        var record = S3UploadRecord(uploadID: try reader.string("uploadId"), partSize: try reader.integer("partSize"))
        for value in try reader.array("parts") {
            var part = try JSONObjectReader(value, context: "part", failure: failure)
            let number = Int(try part.integer("number"))
            guard let digest = SHA256Digest(hex: try part.string("sha256")) else { throw failure("a part's sha256 is not 64 hex digits") }
            record.parts[number] = S3UploadedPart(number: number, etag: try part.string("etag"), sha256: digest)
            try part.rejectUnknownMembers()
        }
        try reader.rejectUnknownMembers()
        return record
    }
}
