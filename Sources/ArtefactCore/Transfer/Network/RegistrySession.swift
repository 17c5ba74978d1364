/// The distribution API calls over one kept-alive mutual-TLS connection: blobs (HEAD,
/// chunked resumable uploads, ranged downloads) and manifests, with HTTP Basic and
/// Bearer-token auth. It holds the connection and the authorization it earned, so it is
/// not `Sendable`: `RegistryClient` keeps it behind a lock and is what callers hold.
final class RegistrySession {
    static let uploadChunkSize: Int64 = 64 << 20
    static let manifestLimit = 4 << 20

    let reference: RegistryReference
    private let context: TLSContext
    private let settings: TLSSettings
    private let credentials: RegistryCredentials?
    private let connection: KeptAliveConnection
    private var authorization: String?

    init(reference: RegistryReference, settings: TLSSettings, keyPassphrase: SecretBytes?, credentials: RegistryCredentials?) throws {
        self.reference = reference
        self.settings = settings
        self.credentials = credentials
        context = try TLSContext(settings, keyPassphrase: keyPassphrase)
        connection = KeptAliveConnection(host: reference.host, port: reference.port, context: context, settings: settings)
    }

    /// The peer certificate subject of the first connection, for the audit log.
    var peerSubject: String? { connection.peerSubject }

    /// Checks that the registry speaks the distribution API and that we may use it.
    func ping() throws {
        let response = try perform(HTTPRequest(method: "GET", target: "/v2/"), scope: "repository:\(reference.repository):pull,push")
        try discard(response, method: "GET")
        guard response.status == 200 else { throw unexpected(response, "checking the registry API") }
    }

    // MARK: Blobs

    func blobExists(_ digest: SHA256Digest) throws -> Bool {
        let response = try perform(HTTPRequest(method: "HEAD", target: "\(repositoryPath)/blobs/\(digest.prefixed)"))
        switch response.status {
        case 200: return true
        case 404: return false
        default: throw unexpected(response, "checking blob \(digest.prefixed)")
        }
    }

    /// Uploads `length` bytes of `path` as blob `digest`, in chunks, resuming the upload
    /// at `resumeURL` if the registry still has it. `record` is told each new upload URL,
    /// so a rerun after a cut connection can resume.
    func uploadBlob(file: HTTPBodyFile, digest: SHA256Digest, length: Int64, resumeURL: String?,
                    record: (String?) throws -> Void) throws -> (sent: Int64, resumedAt: Int64) {
        var location: String
        var offset: Int64 = 0
        if let resumeURL, let status = try uploadStatus(resumeURL) {
            guard status.offset <= length else {
                throw ArtefactError.operational("registry \(reference.address) claims \(status.offset) bytes of the \(length)-byte blob \(digest.prefixed) are uploaded")
            }
            location = status.location
            offset = status.offset
        } else {
            let response = try perform(HTTPRequest(method: "POST", target: "\(repositoryPath)/blobs/uploads/"))
            try discard(response, method: "POST")
            guard response.status == 202, let next = response.header("Location") else { throw unexpected(response, "starting an upload") }
            location = next
        }
        let resumedAt = offset
        try record(location)
        while offset < length {
            let size = min(Self.uploadChunkSize, length - offset)
            let request = HTTPRequest(method: "PATCH", target: try target(of: location),
                                      headers: [("Content-Type", "application/octet-stream"),
                                                ("Content-Range", "\(offset)-\(offset + size - 1)")],
                                      body: .file(file, offset: offset, length: size))
            let response = try perform(request, streaming: size)
            try discard(response, method: "PATCH")
            guard response.status == 202, let next = response.header("Location") else { throw unexpected(response, "uploading a chunk") }
            location = next
            offset += size
            try record(location)
        }
        let separator = location.contains("?") ? "&" : "?"
        let finish = try perform(HTTPRequest(method: "PUT", target: try target(of: location) + "\(separator)digest=\(digest.prefixed)"))
        try discard(finish, method: "PUT")
        guard finish.status == 201 else { throw unexpected(finish, "finishing the upload of \(digest.prefixed)") }
        try record(nil)
        return (length - resumedAt, resumedAt)
    }

    /// Where an interrupted upload stands, or nil if the registry no longer has it.
    private func uploadStatus(_ location: String) throws -> (location: String, offset: Int64)? {
        let response = try perform(HTTPRequest(method: "GET", target: try target(of: location)))
        try discard(response, method: "GET")
        guard response.status == 204 else { return nil }
        // Range: 0-N means bytes 0 to N are stored; "0-0" with nothing stored is ambiguous in
        // the specification, so an empty upload restarts from 0.
        var offset: Int64 = 0
        if let range = response.header("Range") {
            let parts = range.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, HTTPResponseParser.decimal(parts[0]) == 0, let end = HTTPResponseParser.decimal(parts[1]) else {
                throw ArtefactError.operational("registry \(reference.address) gave an unusable Range \"\(range)\" for an interrupted upload")
            }
            // 18 digits at most, so end + 1 cannot overflow.
            if end > 0 { offset = end + 1 }
        }
        return (response.header("Location") ?? location, offset)
    }

    /// Streams blob `digest`, `size` bytes long, from byte `offset` to `sink`. The request's
    /// deadline grows with the bytes left; a server that sends more than them is refused.
    func downloadBlob(_ digest: SHA256Digest, size: Int64, from offset: Int64,
                      into sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard offset >= 0, offset <= size else { throw ArtefactError.operational("blob \(digest.prefixed): offset \(offset) is outside its \(size) bytes") }
        var request = HTTPRequest(method: "GET", target: "\(repositoryPath)/blobs/\(digest.prefixed)")
        if offset > 0 { request.headers.append(("Range", "bytes=\(offset)-")) }
        let expected = size - offset
        let response = try perform(request, streaming: expected)
        guard response.status == (offset > 0 ? 206 : 200) else {
            try discard(response, method: "GET")
            throw unexpected(response, "downloading blob \(digest.prefixed)")
        }
        let tooLong = ArtefactError.rejected("registry \(reference.address) sent more than the \(expected) bytes left of blob \(digest.prefixed)")
        _ = try connection.readBoundedBody(of: response, expected: expected, tooLong: tooLong, into: sink)
    }

    func readSmallBlob(_ digest: SHA256Digest, limit: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try downloadBlob(digest, size: Int64(limit), from: 0) { piece in
            guard bytes.count + piece.count <= limit else { throw ArtefactError.rejected("blob \(digest.prefixed) is larger than expected") }
            bytes.append(contentsOf: piece)
        }
        guard SHA256Hasher.digest(bytes) == digest else {
            throw ArtefactError.rejected("blob \(digest.prefixed) from \(reference.address) does not match its digest")
        }
        return bytes
    }

    // MARK: Manifests

    func putManifest(_ bytes: [UInt8], reference tag: String) throws {
        let response = try perform(HTTPRequest(method: "PUT", target: "\(repositoryPath)/manifests/\(tag)",
                                               headers: [("Content-Type", OCIMediaType.imageManifest)], body: .bytes(bytes)))
        try discard(response, method: "PUT")
        guard response.status == 201 else { throw unexpected(response, "putting manifest \(tag)") }
    }

    /// The manifest tagged `tag`, checked against its digest; nil when there is none.
    func manifest(_ tag: String) throws -> [UInt8]? {
        let response = try perform(HTTPRequest(method: "GET", target: "\(repositoryPath)/manifests/\(tag)",
                                               headers: [("Accept", OCIMediaType.imageManifest)]))
        if response.status == 404 {
            try discard(response, method: "GET")
            return nil
        }
        guard response.status == 200 else {
            try discard(response, method: "GET")
            throw unexpected(response, "getting manifest \(tag)")
        }
        let bytes = try connection.readBody(of: response, method: "GET", limit: Self.manifestLimit)
        if let claimed = response.header("Docker-Content-Digest"), claimed != SHA256Hasher.digest(bytes).prefixed {
            throw ArtefactError.rejected("manifest \(tag) from \(reference.address) does not match the digest the registry gives for it")
        }
        return bytes
    }

    // MARK: Requests and authentication

    private var repositoryPath: String { "/v2/\(reference.repository)" }

    /// Sends a request, authenticating and retrying once when challenged, and reconnecting
    /// once when a kept-alive connection turns out to be closed.
    private func perform(_ request: HTTPRequest, scope: String? = nil, streaming bytes: Int64 = 0) throws -> HTTPResponse {
        var response = try send(request, streaming: bytes)
        if response.status == 401 {
            let challenge = response.header("WWW-Authenticate") ?? ""
            try discard(response, method: request.method)
            authorization = try authenticate(challenge: challenge, scope: scope ?? "repository:\(reference.repository):pull,push")
            response = try send(request, streaming: bytes)
            if response.status == 401 || response.status == 403 {
                try discard(response, method: request.method)
                throw ArtefactError.operational("registry \(reference.address) refused the credentials (HTTP \(response.status)); check ARTEFACT_REGISTRY_USER and ARTEFACT_REGISTRY_PASSWORD")
            }
        }
        return response
    }

    /// Sends one request under its own deadline: the request timeout, plus the time
    /// `bytes` of streamed body take at the minimum rate.
    private func send(_ request: HTTPRequest, streaming bytes: Int64) throws -> HTTPResponse {
        var request = request
        if let authorization { request.headers.append(("Authorization", authorization)) }
        let deadline = bytes > 0 ? settings.deadline(streaming: bytes) : settings.requestDeadline
        return try connection.exchange(request, authority: reference.address, deadline: deadline, resendable: isIdempotent(request))
    }

    /// Requests that may be sent twice without harm. An upload chunk (PATCH) or the start
    /// of an upload (POST) is never resent blindly: a rerun asks the registry where it stands.
    private func isIdempotent(_ request: HTTPRequest) -> Bool {
        request.method != "PATCH" && request.method != "POST"
    }

    private func discard(_ response: HTTPResponse, method: String) throws {
        try connection.discardBody(of: response, method: method)
    }

    private func authenticate(challenge: String, scope: String) throws -> String {
        guard let credentials else {
            throw ArtefactError.operational("registry \(reference.address) requires credentials: set ARTEFACT_REGISTRY_USER and ARTEFACT_REGISTRY_PASSWORD (or --registry-credentials FILE)")
        }
        let scheme = challenge.split(separator: " ", maxSplits: 1).first.map { $0.lowercased() } ?? ""
        switch scheme {
        case "basic":
            return credentials.basicAuthorization
        case "bearer":
            return "Bearer " + (try BearerTokenFetcher.fetch(challenge: challenge, scope: scope, credentials: credentials,
                                                              context: context, settings: settings))
        default:
            throw ArtefactError.operational("registry \(reference.address) asks for unsupported authentication \"\(challenge)\"")
        }
    }

    private func target(of location: String) throws -> String {
        if location.hasPrefix("/") { return location }
        // An absolute URL must point at the same registry.
        for scheme in ["https://", "http://"] where location.hasPrefix(scheme) {
            let rest = location.dropFirst(scheme.count)
            guard let slash = rest.firstIndex(of: "/") else { break }
            let authority = String(rest[..<slash])
            guard authority == reference.address || (reference.port == 443 && authority == reference.host) else {
                throw ArtefactError.operational("registry \(reference.address) redirected an upload to another host, \(authority); refusing")
            }
            return String(rest[slash...])
        }
        throw ArtefactError.operational("registry \(reference.address) gave an unusable upload location \"\(location)\"")
    }

    private func unexpected(_ response: HTTPResponse, _ action: String) -> ArtefactError {
        .operational("registry \(reference.address) answered HTTP \(response.status) \(response.reason) while \(action)")
    }
}
