import COpenSSL

/// An X.509 certificate, owned (`X509_free` on release). Read from PEM or DER through
/// OpenSSL; never parsed by hand.
public final class Certificate: @unchecked Sendable {
    let pointer: OpaquePointer

    init(taking pointer: OpaquePointer) { self.pointer = pointer }

    deinit { X509_free(pointer) }

    /// Parses one DER certificate.
    public convenience init(der: [UInt8], source: String) throws {
        let parsed = der.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            return d2i_X509(nil, &cursor, buffer.count)
        }
        guard let parsed else {
            OpenSSLFailure.clear()
            throw ArtefactError.rejected("\(source) is not a DER X.509 certificate")
        }
        self.init(taking: parsed)
    }

    /// Every certificate in a PEM file's contents, in order.
    public static func readPEM(_ bytes: [UInt8], source: String) throws -> [Certificate] {
        let bio = MemoryBIO(reading: bytes)
        var certificates: [Certificate] = []
        while let certificate = PEM_read_bio_X509(bio.pointer, nil, { _, _, _, _ in -1 }, nil) {
            certificates.append(Certificate(taking: certificate))
        }
        OpenSSLFailure.clear()
        guard !certificates.isEmpty else {
            throw ArtefactError.badInput("\(source) holds no PEM certificate")
        }
        return certificates
    }

    /// Every certificate in a PEM file.
    public static func read(path: String) throws -> [Certificate] {
        try readPEM(FileSystem.readFile(path, limit: 16 << 20), source: path)
    }

    /// The DER encoding.
    public var der: [UInt8] {
        var output: UnsafeMutablePointer<UInt8>?
        let length = i2d_X509(pointer, &output)
        guard length > 0, let output else { return [] }
        defer { artefact_openssl_free(output) }
        return Array(UnsafeBufferPointer(start: output, count: Int(length)))
    }

    /// The subject as an RFC 4514 string, most specific first: `CN=ml-signer-1,O=Example`.
    public var subject: String { Self.rfc4514(X509_get_subject_name(pointer)) }
    public var issuer: String { Self.rfc4514(X509_get_issuer_name(pointer)) }

    /// The URI and email subject alternative names.
    public var alternativeNames: [String] {
        guard let names = artefact_x509_subject_alt_names(pointer) else { return [] }
        defer { artefact_general_names_free(names) }
        return (0..<artefact_general_names_count(names)).compactMap { index in
            guard let text = artefact_general_names_uri_or_email(names, Int32(index)),
                  let data = ASN1_STRING_get0_data(text)
            else { return nil }
            return String(decoding: UnsafeBufferPointer(start: data, count: Int(ASN1_STRING_length(text))), as: UTF8.self)
        }
    }

    /// Whether the extended key usage extension is present and includes code signing.
    public var allowsCodeSigning: Bool {
        (X509_get_extension_flags(pointer) & UInt32(EXFLAG_XKUSAGE)) != 0
            && (X509_get_extended_key_usage(pointer) & UInt32(XKU_CODE_SIGN)) != 0
    }

    /// The certificate's Ed25519 public key, or nil when it holds another kind of key.
    public var ed25519PublicKey: PublicKey? {
        guard let key = X509_get0_pubkey(pointer) else { return nil }
        return try? PublicKey(evpKey: key, source: "certificate")
    }

    /// The end of the validity period, as OpenSSL prints it.
    public var notAfter: String { Self.printed(X509_get0_notAfter(pointer)) }

    static func printed(_ time: UnsafePointer<ASN1_TIME>?) -> String {
        guard let time else { return "(none)" }
        let bio = MemoryBIO()
        ASN1_TIME_print(bio.pointer, time)
        return String(decoding: bio.contents, as: UTF8.self)
    }

    static func rfc4514(_ name: OpaquePointer?) -> String {
        guard let name else { return "" }
        let bio = MemoryBIO()
        X509_NAME_print_ex(bio.pointer, name, 0, artefact_name_flags_rfc4514())
        return String(decoding: bio.contents, as: UTF8.self)
    }
}
