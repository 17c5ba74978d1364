import COpenSSL

/// Incremental SHA-256 over OpenSSL's EVP interface, which uses the CPU's SHA extensions
/// where they exist. One hasher serves one stream; `reset()` lets a worker reuse it.
public final class SHA256Hasher {
    nonisolated(unsafe) private static let algorithm: OpaquePointer = EVP_sha256()
    private let context: OpaquePointer

    public init() {
        guard let context = EVP_MD_CTX_new() else { fatalError("EVP_MD_CTX_new failed: out of memory") }
        self.context = context
        reset()
    }

    deinit { EVP_MD_CTX_free(context) }

    public func reset() {
        guard EVP_DigestInit_ex(context, Self.algorithm, nil) == 1 else {
            fatalError("EVP_DigestInit_ex(SHA-256) failed: \(OpenSSLFailure.lastReason())")
        }
    }

    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        _ = EVP_DigestUpdate(context, bytes.baseAddress, bytes.count)
    }

    public func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Returns the digest and resets the hasher for the next stream.
    public func finish() -> SHA256Digest {
        var output = [UInt8](repeating: 0, count: SHA256Digest.byteCount)
        var length: UInt32 = 0
        _ = EVP_DigestFinal_ex(context, &output, &length)
        reset()
        return SHA256Digest(bytes: output)
    }

    /// The digest of `bytes` in one call.
    public static func digest(_ bytes: [UInt8]) -> SHA256Digest {
        let hasher = SHA256Hasher()
        hasher.update(bytes)
        return hasher.finish()
    }
}
