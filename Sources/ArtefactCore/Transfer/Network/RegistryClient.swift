import Synchronization

/// A client of the OCI distribution API over mutual TLS (the calls are `RegistrySession`'s).
///
/// It is `Sendable`, with its mutable state behind a `Mutex`, rather than not `Sendable`:
/// a registry blob is a `ByteSource`, and copy workers take byte sources to their own
/// threads, so the client does cross threads. The state (the kept-alive connection, the
/// authorization it earned, the peer's subject) is one HTTP/1.1 conversation, which two
/// threads must never interleave, so each call holds the lock for its whole exchange: calls
/// from several threads take turns on the one connection. Transfers give a registry one
/// worker anyway; the lock makes that safe by construction instead of by their promise.
///
/// The lock is a `Mutex<Void>` beside the session rather than a `Mutex<RegistrySession>`
/// because calls hand the session the caller's closures (a download's sink, an upload's
/// record), which the compiler cannot prove stay out of a value the mutex owns. The session
/// is reached only through `locked`, so nothing touches it without the lock.
final class RegistryClient: Sendable {
    let reference: RegistryReference
    private let lock = Mutex(())
    nonisolated(unsafe) private let session: RegistrySession

    init(reference: RegistryReference, settings: TLSSettings, keyPassphrase: SecretBytes?, credentials: RegistryCredentials?) throws {
        self.reference = reference
        session = try RegistrySession(reference: reference, settings: settings, keyPassphrase: keyPassphrase, credentials: credentials)
    }

    /// Runs `body` on the session, holding the lock for all of it.
    private func locked<Result: Sendable>(_ body: (RegistrySession) throws -> Result) throws -> Result {
        try lock.withLock { _ in try body(session) }
    }

    /// The peer certificate subject of the first connection, for the audit log.
    var peerSubject: String? { lock.withLock { _ in session.peerSubject } }

    /// Checks that the registry speaks the distribution API and that we may use it.
    func ping() throws { try locked { try $0.ping() } }

    func blobExists(_ digest: SHA256Digest) throws -> Bool { try locked { try $0.blobExists(digest) } }

    /// Uploads `length` bytes of `file` as blob `digest` (see `RegistrySession.uploadBlob`).
    func uploadBlob(file: HTTPBodyFile, digest: SHA256Digest, length: Int64, resumeURL: String?,
                    record: (String?) throws -> Void) throws -> (sent: Int64, resumedAt: Int64) {
        try locked { try $0.uploadBlob(file: file, digest: digest, length: length, resumeURL: resumeURL, record: record) }
    }

    /// Streams blob `digest`, `size` bytes long, from byte `offset` to `sink`.
    func downloadBlob(_ digest: SHA256Digest, size: Int64, from offset: Int64,
                      into sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        try locked { try $0.downloadBlob(digest, size: size, from: offset, into: sink) }
    }

    func readSmallBlob(_ digest: SHA256Digest, limit: Int) throws -> [UInt8] {
        try locked { try $0.readSmallBlob(digest, limit: limit) }
    }

    func putManifest(_ bytes: [UInt8], reference tag: String) throws {
        try locked { try $0.putManifest(bytes, reference: tag) }
    }

    /// The manifest tagged `tag`, checked against its digest; nil when there is none.
    func manifest(_ tag: String) throws -> [UInt8]? { try locked { try $0.manifest(tag) } }
}
