import COpenSSL

/// An OpenSSL client context that speaks TLS 1.3 only, trusts exactly one CA file, checks
/// the server's certificate and name, and presents a client certificate when given one.
final class TLSContext: @unchecked Sendable {
    let pointer: OpaquePointer

    init(_ settings: TLSSettings, keyPassphrase: SecretBytes?) throws {
        guard let context = SSL_CTX_new(TLS_client_method()) else {
            throw ArtefactError.operational("could not create a TLS context: \(OpenSSLFailure.lastReason())")
        }
        pointer = context
        // TLS 1.3 and nothing lower: no fallback.
        guard artefact_ssl_ctx_set_min_proto_version(context, TLS1_3_VERSION) == 1,
              artefact_ssl_ctx_set_max_proto_version(context, TLS1_3_VERSION) == 1
        else { throw ArtefactError.operational("could not restrict TLS to version 1.3") }
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        guard settings.caFile != nil || settings.useSystemCAs else {
            throw ArtefactError.badInput("no CA to trust: give --tls-ca CA.pem, or --tls-system-ca for the system's CA bundle")
        }
        if let caFile = settings.caFile {
            guard FileSystem.exists(caFile) else { throw ArtefactError.badInput("--tls-ca \(caFile) does not exist") }
            guard SSL_CTX_load_verify_locations(context, caFile, nil) == 1 else {
                OpenSSLFailure.clear()
                throw ArtefactError.badInput("\(caFile) holds no usable CA certificate (PEM)")
            }
        }
        if settings.useSystemCAs { SSL_CTX_set_default_verify_paths(context) }
        switch (settings.certificateFile, settings.keyFile) {
        case let (certificate?, key?):
            guard SSL_CTX_use_certificate_chain_file(context, certificate) == 1 else {
                OpenSSLFailure.clear()
                throw ArtefactError.badInput("\(certificate) is not a usable client certificate (PEM)")
            }
            try Self.useKey(key, passphrase: keyPassphrase, certificate: certificate, in: context)
            guard SSL_CTX_check_private_key(context) == 1 else {
                OpenSSLFailure.clear()
                throw ArtefactError.badInput("the client key \(key) does not match the client certificate \(certificate)")
            }
        case (nil, nil):
            break
        default:
            throw ArtefactError.badInput("a client certificate needs both --tls-cert and --tls-key")
        }
    }

    deinit { SSL_CTX_free(pointer) }

    private static func useKey(_ path: String, passphrase: SecretBytes?, certificate: String, in context: OpaquePointer) throws {
        var pem = try FileSystem.readFile(path, limit: 1 << 20)
        defer { wipe(&pem) }
        let key = try PEMPrivateKey.parse(pem, passphrase: passphrase, source: path)
        guard let key else {
            throw ArtefactError.badInput("\(path) is not a usable client private key (or its passphrase is wrong)")
        }
        defer { EVP_PKEY_free(key) }
        guard SSL_CTX_use_PrivateKey(context, key) == 1 else {
            // OpenSSL checks the key against the certificate loaded before it.
            let reason = OpenSSLFailure.lastReason()
            if reason.contains("key values mismatch") {
                throw ArtefactError.badInput("the client key \(path) does not match the client certificate \(certificate)")
            }
            throw ArtefactError.badInput("\(path): \(reason)")
        }
    }
}
