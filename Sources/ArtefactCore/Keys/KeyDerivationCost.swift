import COpenSSL

/// Bounds the passphrase key-derivation cost an encrypted PKCS#8 key file asks for, before
/// OpenSSL runs the derivation: the cost parameters come from the file, so without a bound
/// a key file (`sign --key`, `--tls-key`, the audit key) can ask for hours of scrypt or
/// PBKDF2 work. Parameters are read with OpenSSL's own ASN.1 decoders; no KDF runs here.
///
/// The caps, and why:
/// - scrypt work N·r·p ≤ 2^21: 16 times what `artefact keygen` and `openssl pkcs8 -topk8
///   -scrypt` write (N = 2^14, r = 8, p = 1, about 0.1 s), so a little over a second at most.
/// - scrypt memory 128·r·(N + p + 2) ≤ 32 MiB: OpenSSL's own ceiling when it decrypts a key
///   (a larger key would fail anyway, with a less helpful message).
/// - PBKDF2 iterations ≤ 1,000,000: about 500 times the 2048 that `openssl pkcs8 -topk8 -v2`
///   and `openssl genpkey -aes256` write, and above current advice (600,000 for
///   HMAC-SHA-256); about a second with HMAC-SHA-512, the slowest PRF in common use.
/// - PBES1 (MD5/SHA-1 with DES, RC2 or 3DES, and the PKCS#12 schemes) is refused outright:
///   weak ciphers and KDFs nothing current writes by default.
enum KeyDerivationCost {
    static let scryptWorkLimit: UInt64 = 1 << 21
    static let scryptMemoryLimit: UInt64 = 32 << 20
    static let pbkdf2IterationLimit: UInt64 = 1_000_000

    static let reEncryptAdvice = "re-encrypt it with 'openssl pkcs8 -topk8 -scrypt' or write a new key with artefact keygen"

    /// Checks every encrypted PKCS#8 structure in `pem`, whichever PEM block OpenSSL's
    /// reader ends up decrypting, and the whole input as DER too. Throws bad input for a
    /// cost above the caps, a scheme artefact does not read, or parameters that do not parse.
    static func check(_ pem: [UInt8], source: String) throws {
        try checkDER(pem, source: source, mustBeEncryptedKey: false)
        let bio = MemoryBIO(reading: pem)
        defer { OpenSSLFailure.clear() }
        while true {
            var name: UnsafeMutablePointer<CChar>?
            var header: UnsafeMutablePointer<CChar>?
            var data: UnsafeMutablePointer<UInt8>?
            var length = 0
            guard PEM_read_bio(bio.pointer, &name, &header, &data, &length) == 1 else { return }
            defer {
                if let data {
                    OPENSSL_cleanse(data, length)
                    artefact_openssl_free(data)
                }
                artefact_openssl_free(name)
                artefact_openssl_free(header)
            }
            let blockName = name.map { String(cString: $0) } ?? ""
            guard let data, length > 0 else { continue }
            let der = Array(UnsafeBufferPointer(start: data, count: length))
            try checkDER(der, source: source, mustBeEncryptedKey: blockName == "ENCRYPTED PRIVATE KEY")
        }
    }

    /// Checks `der` when it decodes as an EncryptedPrivateKeyInfo; anything else is left to
    /// the key reader, unless the PEM block said it is one.
    private static func checkDER(_ der: [UInt8], source: String, mustBeEncryptedKey: Bool) throws {
        let sealed = der.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var cursor = buffer.baseAddress
            return d2i_X509_SIG(nil, &cursor, buffer.count)
        }
        guard let sealed else {
            OpenSSLFailure.clear()
            if mustBeEncryptedKey { throw damaged(source) }
            return
        }
        defer { X509_SIG_free(sealed) }
        var algorithm: UnsafePointer<X509_ALGOR>?
        X509_SIG_get0(sealed, &algorithm, nil)
        guard let algorithm else { throw damaged(source) }
        let scheme = OBJ_obj2nid(algorithm.pointee.algorithm)
        guard scheme == NID_pbes2 else { throw unsupported(scheme: scheme, source: source) }
        guard let parameters = algorithm.pointee.parameter,
              let pbes2 = artefact_unpack_pbes2_params(parameters)
        else { throw damaged(source) }
        defer { PBE2PARAM_free(pbes2) }
        guard let function = pbes2.pointee.keyfunc else { throw damaged(source) }
        let kdf = OBJ_obj2nid(function.pointee.algorithm)
        switch kdf {
        case NID_id_scrypt: try checkScrypt(function.pointee.parameter, source: source)
        case NID_id_pbkdf2: try checkPBKDF2(function.pointee.parameter, source: source)
        default: throw unsupported(scheme: kdf, source: source)
        }
    }

    private static func checkScrypt(_ parameters: UnsafeMutablePointer<ASN1_TYPE>?, source: String) throws {
        guard let parameters, let scrypt = artefact_unpack_scrypt_params(parameters) else { throw damaged(source) }
        defer { SCRYPT_PARAMS_free(scrypt) }
        guard let n = value(scrypt.pointee.costParameter), let r = value(scrypt.pointee.blockSize),
              let p = value(scrypt.pointee.parallelizationParameter)
        else { throw damaged(source) }
        guard scryptWithinLimits(n: n, r: r, p: p) else {
            throw ArtefactError.badInput("\(source) asks for scrypt N=\(n), r=\(r), p=\(p): above artefact's limit of "
                + "N·r·p ≤ \(scryptWorkLimit) and 128·r·(N+p+2) ≤ 32 MiB; \(reEncryptAdvice)")
        }
    }

    /// Work and memory within the caps, with overflow counting as over.
    static func scryptWithinLimits(n: UInt64, r: UInt64, p: UInt64) -> Bool {
        let (nr, overflow1) = n.multipliedReportingOverflow(by: r)
        let (work, overflow2) = nr.multipliedReportingOverflow(by: p)
        let (blocks, overflow3) = n.addingReportingOverflow(p)
        let (blocksPlus, overflow4) = blocks.addingReportingOverflow(2)
        let (perBlock, overflow5) = r.multipliedReportingOverflow(by: 128)
        let (memory, overflow6) = perBlock.multipliedReportingOverflow(by: blocksPlus)
        if overflow1 || overflow2 || overflow3 || overflow4 || overflow5 || overflow6 { return false }
        return work <= scryptWorkLimit && memory <= scryptMemoryLimit
    }

    private static func checkPBKDF2(_ parameters: UnsafeMutablePointer<ASN1_TYPE>?, source: String) throws {
        guard let parameters, let pbkdf2 = artefact_unpack_pbkdf2_params(parameters) else { throw damaged(source) }
        defer { PBKDF2PARAM_free(pbkdf2) }
        guard let iterations = value(pbkdf2.pointee.iter) else {
            throw ArtefactError.badInput("\(source) asks for a PBKDF2 iteration count artefact cannot read (negative or "
                + "above 2^64); the limit is \(pbkdf2IterationLimit); \(reEncryptAdvice)")
        }
        guard iterations <= pbkdf2IterationLimit else {
            throw ArtefactError.badInput("\(source) asks for PBKDF2 with \(iterations) iterations: above artefact's limit of "
                + "\(pbkdf2IterationLimit); \(reEncryptAdvice)")
        }
    }

    /// A non-negative ASN.1 INTEGER that fits 64 bits, or nil.
    private static func value(_ integer: UnsafeMutablePointer<ASN1_INTEGER>?) -> UInt64? {
        guard let integer else { return nil }
        var result: UInt64 = 0
        guard ASN1_INTEGER_get_uint64(&result, integer) == 1 else {
            OpenSSLFailure.clear()
            return nil
        }
        return result
    }

    private static func damaged(_ source: String) -> ArtefactError {
        .badInput("\(source): the encryption parameters of the key are damaged; \(reEncryptAdvice)")
    }

    private static func unsupported(scheme: Int32, source: String) -> ArtefactError {
        let name = scheme == NID_undef ? "an unknown scheme" : String(cString: OBJ_nid2sn(scheme))
        return .badInput("\(source) is encrypted with \(name), which artefact does not read (it reads PBES2 with "
            + "scrypt or PBKDF2); \(reEncryptAdvice)")
    }
}
