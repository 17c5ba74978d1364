/// A client of the S3 API over (mutual) TLS, signing every request with SigV4.
///
/// It is `Sendable` and meant to be shared: every call checks a kept-alive connection out
/// of the client's pool (`S3ConnectionPool`) for itself, so copy workers push and pull in
/// parallel, each on its own connection. Requests are addressed, signed, retried and
/// turned into errors by `S3RequestSender`; this type says what each call sends and what
/// answer it accepts. Every body read from the server is bounded, and a streamed object
/// is refused the moment it grows past the bytes asked for.
final class S3Client: Sendable {
    /// The largest listing or part-listing page, and the largest small object by default.
    static let pageLimit = 8 << 20
    static let smallResponseLimit = 1 << 20

    let access: S3Access
    private let sender: S3RequestSender

    init(_ access: S3Access) throws {
        self.access = access
        sender = try S3RequestSender(access)
    }

    /// The peer certificate subject of the first connection, for the audit log.
    var peerSubject: String? { sender.peerSubject }

    /// `https://HOST[:PORT]`, as messages name the server.
    var server: String { sender.server }

    /// Checks that the bucket exists and that the credentials may use it. A one-key
    /// listing of the prefix rather than HeadBucket: a HEAD answer has no body, so a
    /// refusal could not say whether the key, the secret or the clock is wrong.
    func checkBucket() throws {
        var request = S3Request(method: "GET", key: nil, action: "checking bucket \(access.location.bucket)")
        request.query = [("list-type", "2"), ("max-keys", "1"), ("prefix", access.location.listingPrefix)]
        try sender.send(request, accepting: [200]) { response, connection in
            _ = try S3ListPage(try connection.readBody(of: response, method: "GET", limit: Self.pageLimit), from: server)
        }
    }

    /// Every object whose key starts with `prefix`, all pages, at most `limit` objects.
    func listObjects(prefix: String, limit: Int) throws -> [S3ObjectInfo] {
        var objects: [S3ObjectInfo] = []
        var token: String?
        var pages = 0
        repeat {
            var request = S3Request(method: "GET", key: nil, action: "listing \(S3Location.scheme)\(access.location.bucket)/\(prefix)")
            request.query = [("list-type", "2"), ("prefix", prefix)]
            if let token { request.query.append(("continuation-token", token)) }
            let page = try sender.send(request, accepting: [200]) { response, connection in
                try S3ListPage(try connection.readBody(of: response, method: "GET", limit: Self.pageLimit), from: server)
            }
            pages += 1
            guard page.objects.allSatisfy({ $0.key.hasPrefix(prefix) }) else {
                throw ArtefactError.operational("\(server) listed objects outside the prefix \"\(prefix)\" that was asked for")
            }
            objects += page.objects
            guard objects.count <= limit else {
                throw ArtefactError.operational("\(S3Location.scheme)\(access.location.bucket)/\(prefix) holds more than \(limit) objects, more than artefact lists")
            }
            // A server that keeps saying "more" without moving on is refused, not followed.
            guard page.nextContinuationToken != token || !page.isTruncated, pages <= limit + 1 else {
                throw ArtefactError.operational("\(server) keeps paging the listing of \"\(prefix)\" without end")
            }
            token = page.isTruncated ? page.nextContinuationToken : nil
        } while token != nil
        return objects
    }

    /// The object's size and SHA-256 checksum (asked for with `x-amz-checksum-mode: ENABLED`), or nil if absent.
    func headObject(_ key: String) throws -> S3ObjectInfo? {
        var request = S3Request(method: "HEAD", key: key, action: "looking up \(describe(key))")
        request.headers = [("x-amz-checksum-mode", "ENABLED")]
        return try sender.send(request, accepting: [200, 404]) { response, connection in
            try connection.discardBody(of: response, method: "HEAD")
            guard response.status == 200 else { return nil }
            guard let length = response.header("Content-Length").flatMap({ HTTPResponseParser.decimal($0.trimmingSpaces) }) else {
                throw ArtefactError.operational("\(server) gave no usable Content-Length for \(describe(key))")
            }
            return S3ObjectInfo(key: key, size: length, checksumSHA256: response.header("x-amz-checksum-sha256")?.trimmingSpaces)
        }
    }

    /// A small object's bytes, or nil if absent; one larger than `limit` is refused.
    func getObject(_ key: String, limit: Int) throws -> [UInt8]? {
        var request = S3Request(method: "GET", key: key, action: "reading \(describe(key))")
        request.streamingBytes = Int64(limit)
        return try sender.send(request, accepting: [200, 404]) { response, connection in
            guard response.status == 200 else {
                try connection.discardBody(of: response, method: "GET")
                return nil
            }
            if case .length(let length) = response.framing, length > Int64(limit) {
                connection.drop()
                throw ArtefactError.rejected("\(describe(key)) is \(length) bytes, more than the \(limit) artefact reads")
            }
            return try connection.readBody(of: response, method: "GET", limit: limit)
        }
    }

    /// Streams the object, `size` bytes long, from byte `offset` (a ranged GET) to `sink`;
    /// more bytes than that, or an object of another size, are refused.
    func getObject(_ key: String, size: Int64, from offset: Int64, into sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard offset >= 0, offset <= size else { throw ArtefactError.operational("\(describe(key)): offset \(offset) is outside its \(size) bytes") }
        // Nothing is left: a range past the end would only earn a 416.
        if offset == size && size > 0 { return }
        var request = S3Request(method: "GET", key: key, action: "reading \(describe(key))")
        if offset > 0 { request.headers = [("Range", "bytes=\(offset)-")] }
        let expected = size - offset
        request.streamingBytes = expected
        try sender.send(request, accepting: [200, 206, 404, 416]) { response, connection in
            try checkRangedAnswer(response, key: key, size: size, offset: offset, connection: connection)
            let tooLong = ArtefactError.rejected("\(server) sent more than the \(expected) bytes left of \(describe(key))")
            let received = try connection.readBoundedBody(of: response, expected: expected, tooLong: tooLong, into: sink)
            guard received == expected else {
                throw ArtefactError.operational("\(server) sent \(received) of the \(expected) bytes left of \(describe(key))")
            }
        }
    }

    /// The status a ranged GET must have (206 from a nonzero offset, 200 from the start),
    /// and the object's whole size as the answer states it.
    private func checkRangedAnswer(_ response: HTTPResponse, key: String, size: Int64, offset: Int64, connection: KeptAliveConnection) throws {
        func wrongSize(_ actual: String) -> ArtefactError {
            .rejected("\(describe(key)) is \(actual) bytes at \(server), not the \(size) bytes expected")
        }
        switch response.status {
        case 404, 416:
            try connection.discardBody(of: response, method: "GET")
            if response.status == 416 { throw wrongSize("fewer than \(offset + 1)") }
            throw ArtefactError.operational("\(server) has no object \(describe(key))")
        case 206 where offset > 0:
            // Content-Range: bytes OFFSET-LAST/TOTAL
            let range = response.header("Content-Range")?.trimmingSpaces ?? ""
            let parts = range.hasPrefix("bytes ") ? range.dropFirst(6).split(separator: "/", omittingEmptySubsequences: false) : []
            let bounds = parts.first?.split(separator: "-", omittingEmptySubsequences: false) ?? []
            guard parts.count == 2, bounds.count == 2, HTTPResponseParser.decimal(String(bounds[0])) == offset else {
                connection.drop()
                throw ArtefactError.operational("\(server) answered a ranged read of \(describe(key)) with an unusable Content-Range \"\(S3Failure.printable(range, limit: 80))\"")
            }
            guard HTTPResponseParser.decimal(String(parts[1])) == size else {
                connection.drop()
                throw wrongSize(S3Failure.printable(String(parts[1]), limit: 20))
            }
        case 200 where offset == 0:
            if case .length(let length) = response.framing, length != size {
                connection.drop()
                throw wrongSize(String(length))
            }
        default:
            connection.drop()
            throw ArtefactError.operational("\(server) answered HTTP \(response.status) to a read of \(describe(key)) from byte \(offset)")
        }
    }

    /// Puts a whole object with `x-amz-content-sha256` and `x-amz-checksum-sha256` set to
    /// `sha256`, and with `If-None-Match: *` when `createOnly`.
    func putObject(_ key: String, body: HTTPBody, sha256: SHA256Digest, createOnly: Bool) throws -> S3PutOutcome {
        var request = S3Request(method: "PUT", key: key, action: "writing \(describe(key))")
        request.headers = [("x-amz-checksum-sha256", Base64.encode(sha256.bytes))]
        if createOnly { request.headers.append(("If-None-Match", "*")) }
        request.body = body
        request.payloadHash = sha256.hex
        request.streamingBytes = body.length
        return try sender.send(request, accepting: createOnly ? [200, 412] : [200]) { response, connection in
            try connection.discardBody(of: response, method: "PUT")
            return response.status == 412 ? .alreadyExists : .created
        }
    }

    /// Starts a multipart upload whose parts carry SHA-256 checksums; returns its upload id.
    func createMultipartUpload(_ key: String) throws -> String {
        var request = S3Request(method: "POST", key: key, action: "starting a multipart upload of \(describe(key))")
        request.query = [("uploads", "")]
        request.headers = [("x-amz-checksum-algorithm", "SHA256")]
        return try sender.send(request, accepting: [200]) { response, connection in
            let bytes = try connection.readBody(of: response, method: "POST", limit: Self.smallResponseLimit)
            try refuseEmbeddedError(bytes, response: response, action: request.action)
            return try S3MultipartResponses.uploadID(bytes, from: server)
        }
    }

    /// Uploads one part with its SHA-256 checksum; returns its ETag.
    func uploadPart(_ key: String, uploadID: String, number: Int, body: HTTPBody, sha256: SHA256Digest) throws -> String {
        guard (1...S3PartsPage.maximumPartNumber).contains(number) else { throw ArtefactError.badInput("part number \(number) is outside 1 to 10000") }
        var request = S3Request(method: "PUT", key: key, action: "uploading part \(number) of \(describe(key))")
        request.query = [("partNumber", String(number)), ("uploadId", uploadID)]
        request.headers = [("x-amz-checksum-sha256", Base64.encode(sha256.bytes))]
        request.body = body
        request.payloadHash = sha256.hex
        request.streamingBytes = body.length
        return try sender.send(request, accepting: [200]) { response, connection in
            try connection.discardBody(of: response, method: "PUT")
            guard let etag = response.header("ETag")?.trimmingSpaces, !etag.isEmpty, etag.utf8.count <= 1024 else {
                throw ArtefactError.operational("\(server) gave no ETag for part \(number) of \(describe(key))")
            }
            return etag
        }
    }

    /// The parts the server holds for an upload, or nil when it no longer knows the upload.
    func listParts(_ key: String, uploadID: String) throws -> [S3UploadedPart]? {
        var parts: [S3UploadedPart] = []
        var marker: Int?
        repeat {
            var request = S3Request(method: "GET", key: key, action: "listing the uploaded parts of \(describe(key))")
            request.query = [("uploadId", uploadID)]
            if let marker { request.query.append(("part-number-marker", String(marker))) }
            let page: S3PartsPage? = try sender.send(request, accepting: [200, 404]) { response, connection in
                guard response.status == 200 else {
                    let error = try sender.readErrorBody(response, method: "GET", on: connection)
                    if error?.code == "NoSuchUpload" { return nil }
                    throw sender.error(for: response, body: error, action: request.action)
                }
                return try S3PartsPage(try connection.readBody(of: response, method: "GET", limit: Self.pageLimit), from: server)
            }
            guard let page else { return nil }
            parts += page.parts
            guard parts.count <= S3PartsPage.maximumPartNumber else {
                throw ArtefactError.operational("\(server) lists more than \(S3PartsPage.maximumPartNumber) parts for one upload")
            }
            if page.isTruncated {
                // The marker must move forward, or a hostile server could page forever.
                guard let next = page.nextPartNumberMarker, next > (marker ?? 0) else {
                    throw ArtefactError.operational("\(server) keeps paging the part listing of \(describe(key)) without moving on")
                }
                marker = next
            } else {
                marker = nil
            }
        } while marker != nil
        return parts
    }

    /// Completes an upload from `parts` (each with its ETag and SHA-256), create-only when asked.
    func completeMultipartUpload(_ key: String, uploadID: String, parts: [S3UploadedPart], createOnly: Bool) throws -> S3PutOutcome {
        let document = Array(S3CompletionDocument.xml(for: parts).utf8)
        let digest = SHA256Hasher.digest(document)
        var request = S3Request(method: "POST", key: key, action: "completing the multipart upload of \(describe(key))")
        request.query = [("uploadId", uploadID)]
        request.headers = [("Content-Type", "application/xml")]
        if createOnly { request.headers.append(("If-None-Match", "*")) }
        request.body = .bytes(document)
        request.payloadHash = digest.hex
        return try sender.send(request, accepting: createOnly ? [200, 412] : [200]) { response, connection in
            if response.status == 412 {
                try connection.discardBody(of: response, method: "POST")
                return .alreadyExists
            }
            // S3 may answer 200 and then report the failure in the body.
            let bytes = try connection.readBody(of: response, method: "POST", limit: Self.smallResponseLimit)
            try refuseEmbeddedError(bytes, response: response, action: request.action)
            try S3MultipartResponses.completion(bytes, from: server)
            return .created
        }
    }

    /// Abandons an upload and the parts it holds.
    func abortMultipartUpload(_ key: String, uploadID: String) throws {
        var request = S3Request(method: "DELETE", key: key, action: "abandoning the multipart upload of \(describe(key))")
        request.query = [("uploadId", uploadID)]
        try sender.send(request, accepting: [200, 204, 404]) { response, connection in
            try connection.discardBody(of: response, method: "DELETE")
        }
    }

    // MARK: Helpers

    /// A 200 answer whose body is an `<Error>` document is the failure it describes.
    private func refuseEmbeddedError(_ bytes: [UInt8], response: HTTPResponse, action: String) throws {
        if let error = S3ErrorResponse.decode(bytes, from: server) {
            throw sender.error(for: response, body: error, action: action)
        }
    }

    private func describe(_ key: String) -> String { "\(S3Location.scheme)\(access.location.bucket)/\(key)" }
}
