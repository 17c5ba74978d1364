/// What a multipart upload has done so far, kept in the source store's staging area so a
/// rerun after a kill or a cut connection continues it: the upload id, the part size, and
/// each finished part's number, ETag and SHA-256 (servers list parts without checksums, so
/// only this record says what a part held).
///
/// The file is a header line, written atomically when the upload starts (or resumes),
/// then one line per finished part, appended and synced: a record of 10,000 parts is never
/// rewritten whole after each. A line cut short by a kill is not a part.
struct S3UploadRecord: Equatable {
    var uploadID: String
    var partSize: Int64
    var parts: [Int: S3UploadedPart] = [:]

    /// A record holds at most this many bytes (10,000 parts' lines fit in a tenth of it).
    static let sizeLimit = 16 << 20

    /// Where the record of uploading blob `digest` to `key` is kept, relative to the store:
    /// one name per endpoint, bucket, key and content.
    static func path(access: S3Access, key: String, digest: SHA256Digest) -> String {
        let identity = "\(access.endpoint.authority)/\(access.location.bucket)/\(key)/\(digest.hex)"
        return StoreLayout.Relative.staged("s3-upload-\(SHA256Hasher.digest(Array(identity.utf8)).hex.prefix(32)).json")
    }

    /// The record at `path` in `layout`, or nil when there is none or it does not parse (a
    /// record that cannot be read is only a lost chance to resume).
    static func read(_ path: String, in layout: StoreLayout) -> S3UploadRecord? {
        guard (try? layout.has(path)) == true, let bytes = try? layout.read(path, limit: sizeLimit) else { return nil }
        return try? decode(bytes)
    }

    /// Writes the header and the parts so far, replacing any earlier record atomically.
    func write(_ path: String, in layout: StoreLayout) throws {
        try layout.write(path, encoded())
    }

    /// Appends one finished part and syncs it.
    static func append(_ part: S3UploadedPart, to path: String, in layout: StoreLayout) throws {
        do throws(SystemCallError) {
            let file = try layout.directory.openForAppending(path)
            try file.closeAfter { (file) throws(SystemCallError) in
                try file.writeAll(line(part))
                try file.sync()
            }
        } catch {
            throw error.asArtefactError
        }
    }

    static func remove(_ path: String, in layout: StoreLayout) {
        try? layout.directory.removeFile(path)
    }

    func encoded() -> [UInt8] {
        let header = JSONWriter.compact(jsonObject([("uploadId", .string(uploadID)), ("partSize", .integer(partSize))])) + [0x0A]
        return parts.values.sorted { $0.number < $1.number }.reduce(header) { $0 + Self.line($1) }
    }

    private static func line(_ part: S3UploadedPart) -> [UInt8] {
        JSONWriter.compact(jsonObject([("number", .integer(part.number)), ("etag", .string(part.etag)),
                                       ("sha256", part.sha256.map { .string($0.hex) })])) + [0x0A]
    }

    static func decode(_ bytes: [UInt8]) throws -> S3UploadRecord {
        let failure = { @Sendable (message: String) in ArtefactError.operational("an S3 upload record: \(message)") }
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        // Only lines that end in a newline were written whole.
        lines.removeLast()
        guard let first = lines.first else { throw failure("no header") }
        var header = try JSONObjectReader(try StrictJSONParser.parse(Array(first), failure: failure), context: "record", failure: failure)
        var record = S3UploadRecord(uploadID: try header.string("uploadId"), partSize: try header.integer("partSize"))
        try header.rejectUnknownMembers()
        for line in lines.dropFirst() {
            var part = try JSONObjectReader(try StrictJSONParser.parse(Array(line), failure: failure), context: "part", failure: failure)
            let number = Int(try part.integer("number"))
            guard let digest = SHA256Digest(hex: try part.string("sha256")) else { throw failure("a part's sha256 is not 64 hex digits") }
            record.parts[number] = S3UploadedPart(number: number, etag: try part.string("etag"), sha256: digest)
            try part.rejectUnknownMembers()
        }
        return record
    }
}
