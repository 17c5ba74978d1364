import Glibc
import COpenSSL

/// An X.509 certificate revocation list, owned (`X509_CRL_free` on release).
public final class RevocationList: @unchecked Sendable {
    let pointer: OpaquePointer

    init(taking pointer: OpaquePointer) { self.pointer = pointer }

    deinit { X509_CRL_free(pointer) }

    /// Every CRL in a file, PEM (several may follow each other) or DER.
    public static func read(path: String) throws -> [RevocationList] {
        let bytes = try FileSystem.readFile(path, limit: 64 << 20)
        let bio = MemoryBIO(reading: bytes)
        var lists: [RevocationList] = []
        while let list = PEM_read_bio_X509_CRL(bio.pointer, nil, { _, _, _, _ in -1 }, nil) {
            lists.append(RevocationList(taking: list))
        }
        OpenSSLFailure.clear()
        if lists.isEmpty {
            let parsed = bytes.withUnsafeBufferPointer { buffer -> OpaquePointer? in
                var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
                return d2i_X509_CRL(nil, &cursor, buffer.count)
            }
            OpenSSLFailure.clear()
            guard let parsed else { throw ArtefactError.badInput("\(path) holds no certificate revocation list (PEM or DER)") }
            lists.append(RevocationList(taking: parsed))
        }
        return lists
    }

    public var issuer: String { Certificate.rfc4514(X509_CRL_get_issuer(pointer)) }
    public var nextUpdate: String { Certificate.printed(X509_CRL_get0_nextUpdate(pointer)) }

    /// The next update as an RFC 3339 UTC time, for JSON reports; nil when the CRL has none
    /// or it lies outside the times a `Timestamp` holds.
    public var nextUpdateRFC3339: String? {
        guard let time = X509_CRL_get0_nextUpdate(pointer) else { return nil }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else { OpenSSLFailure.clear(); return nil }
        let calendar = CalendarTime(year: parts.tm_year + 1900, month: parts.tm_mon + 1, day: parts.tm_mday,
                                    hour: parts.tm_hour, minute: parts.tm_min, second: parts.tm_sec)
        return Timestamp(checked: calendar.normalised().secondsSinceEpoch)?.description
    }
}
