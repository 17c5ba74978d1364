import COpenSSL
import Glibc

/// Verifies a signer's certificate chain with OpenSSL's own chain building
/// (`X509_verify_cert`), against one authority's roots, as of a given time.
public enum CertificateChainVerifier {
    public static func verify(leaf: Certificate, intermediates: [Certificate], authority: CertificateAuthority,
                              at time: Timestamp) -> ChainFailure? {
        guard let store = X509_STORE_new() else { return ChainFailure(check: .chain, reason: "out of memory") }
        defer { X509_STORE_free(store) }
        for root in authority.roots { X509_STORE_add_cert(store, root.pointer) }
        var flags = UInt(X509_V_FLAG_X509_STRICT)
        if let lists = authority.revocationLists {
            for list in lists { X509_STORE_add_crl(store, list.pointer) }
            flags |= UInt(X509_V_FLAG_CRL_CHECK)
            if coversEveryIssuer(lists, leaf: leaf, intermediates: intermediates) { flags |= UInt(X509_V_FLAG_CRL_CHECK_ALL) }
        }
        guard let untrusted = artefact_sk_x509_new_null() else { return ChainFailure(check: .chain, reason: "out of memory") }
        defer { artefact_sk_x509_free(untrusted) }
        for intermediate in intermediates { _ = artefact_sk_x509_push(untrusted, intermediate.pointer) }
        guard let context = X509_STORE_CTX_new() else { return ChainFailure(check: .chain, reason: "out of memory") }
        defer { X509_STORE_CTX_free(context) }
        guard X509_STORE_CTX_init(context, store, leaf.pointer, untrusted) == 1 else {
            return ChainFailure(check: .chain, reason: "could not set up chain verification: \(OpenSSLFailure.lastReason())")
        }
        let parameters = X509_STORE_CTX_get0_param(context)
        X509_VERIFY_PARAM_set_flags(parameters, flags)
        X509_VERIFY_PARAM_set_time(parameters, time_t(time.secondsSinceEpoch))
        let verified = X509_verify_cert(context)
        OpenSSLFailure.clear()
        if verified != 1 {
            let code = X509_STORE_CTX_get_error(context)
            let depth = X509_STORE_CTX_get_error_depth(context)
            let reason = String(cString: X509_verify_cert_error_string(Int(code)))
            let subject = X509_STORE_CTX_get_current_cert(context).map { Certificate.rfc4514(X509_get_subject_name($0)) } ?? leaf.subject
            return ChainFailure(check: category(of: code), reason: "\(reason) (certificate \"\(subject)\" at depth \(depth))")
        }
        // OpenSSL 3.0 has no code-signing purpose for X509_verify_cert; check the EKU here.
        guard leaf.allowsCodeSigning else {
            return ChainFailure(check: .usage, reason: "certificate \"\(leaf.subject)\" lacks the code-signing extended key usage")
        }
        return nil
    }

    private static func category(of code: Int32) -> ChainFailure.Check {
        switch code {
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT,
             X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT,
             X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
            return .untrustedRoot
        case X509_V_ERR_CERT_REVOKED, X509_V_ERR_UNABLE_TO_GET_CRL, X509_V_ERR_CRL_HAS_EXPIRED,
             X509_V_ERR_CRL_NOT_YET_VALID, X509_V_ERR_CRL_SIGNATURE_FAILURE, X509_V_ERR_UNABLE_TO_DECRYPT_CRL_SIGNATURE,
             X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER, X509_V_ERR_ERROR_IN_CRL_LAST_UPDATE_FIELD,
             X509_V_ERR_ERROR_IN_CRL_NEXT_UPDATE_FIELD, X509_V_ERR_DIFFERENT_CRL_SCOPE, X509_V_ERR_KEYUSAGE_NO_CRL_SIGN:
            return .revocation
        default:
            return .chain
        }
    }

    /// Whether the CRLs include one from the issuer of every certificate in the chain, so
    /// that intermediates can be checked for revocation too.
    private static func coversEveryIssuer(_ lists: [RevocationList], leaf: Certificate, intermediates: [Certificate]) -> Bool {
        let issuers = Set(lists.map(\.issuer))
        return ([leaf] + intermediates).allSatisfy { issuers.contains($0.issuer) }
    }
}
