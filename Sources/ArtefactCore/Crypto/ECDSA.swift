import COpenSSL

/// ECDSA over OpenSSL's EVP interface: key generation, DER signatures of a message hashed
/// with the curve's digest, and their verification. Keys cross this API as `EVP_PKEY`
/// pointers the caller owns; the private half never leaves OpenSSL except as PKCS#8 DER in
/// `SecretBytes`.
enum ECDSA {
    /// A new key pair on `curve` (an `EVP_PKEY` the caller frees).
    static func generate(_ curve: ECCurve) throws -> OpaquePointer {
        guard let context = EVP_PKEY_CTX_new_from_name(nil, "EC", nil) else {
            throw ArtefactError.operational("could not set up EC key generation: \(OpenSSLFailure.lastReason())")
        }
        defer { EVP_PKEY_CTX_free(context) }
        var key: OpaquePointer?
        guard EVP_PKEY_keygen_init(context) == 1,
              EVP_PKEY_CTX_set_group_name(context, curve.openSSLGroupName) == 1,
              EVP_PKEY_generate(context, &key) == 1,
              let key
        else {
            throw ArtefactError.operational("could not generate an EC \(curve.displayName) key: \(OpenSSLFailure.lastReason())")
        }
        return key
    }

    /// The DER ECDSA signature of `message` (hashed with the curve's digest) by `key`.
    static func sign(_ message: [UInt8], key: OpaquePointer, curve: ECCurve) throws -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { throw ArtefactError.operational("EVP_MD_CTX_new: out of memory") }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestSignInit(context, nil, curve.messageDigest, nil, key) == 1 else {
            throw ArtefactError.operational("could not start ECDSA signing: \(OpenSSLFailure.lastReason())")
        }
        var length = 0
        guard EVP_DigestSign(context, nil, &length, message, message.count) == 1 else {
            throw ArtefactError.operational("ECDSA signing failed: \(OpenSSLFailure.lastReason())")
        }
        var signature = [UInt8](repeating: 0, count: length)
        guard EVP_DigestSign(context, &signature, &length, message, message.count) == 1 else {
            throw ArtefactError.operational("ECDSA signing failed: \(OpenSSLFailure.lastReason())")
        }
        return Array(signature.prefix(length))
    }

    /// Whether `signature` is a valid DER ECDSA signature of `message` by `key`. OpenSSL
    /// re-encodes the parsed signature and compares, so non-canonical DER and trailing
    /// bytes are refused; anything malformed is simply false.
    static func isValidSignature(_ signature: [UInt8], of message: [UInt8], key: OpaquePointer, curve: ECCurve) -> Bool {
        defer { OpenSSLFailure.clear() }
        guard !signature.isEmpty, let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit(context, nil, curve.messageDigest, nil, key) == 1 else { return false }
        return EVP_DigestVerify(context, signature, signature.count, message, message.count) == 1
    }

    /// The curve of an EC key, or nil when the key is not EC or its group is not one of
    /// ours (explicit parameters included).
    static func curve(of key: OpaquePointer) -> ECCurve? {
        guard EVP_PKEY_get_base_id(key) == EVP_PKEY_EC else { return nil }
        var name = [CChar](repeating: 0, count: 80)
        var length = 0
        guard EVP_PKEY_get_group_name(key, &name, name.count, &length) == 1 else {
            OpenSSLFailure.clear()
            return nil
        }
        return ECCurve.named(String(decoding: name.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    /// Makes OpenSSL encode the key's point uncompressed, the form `cryptography` (and so
    /// model_signing) writes, so that the SubjectPublicKeyInfo and its key id do not depend
    /// on how the file we read happened to encode the point.
    static func useUncompressedPoint(_ key: OpaquePointer) throws {
        guard EVP_PKEY_set_utf8_string_param(key, "point-format", "uncompressed") == 1 else {
            throw ArtefactError.operational("could not set the EC point format: \(OpenSSLFailure.lastReason())")
        }
    }
}
