import COpenSSL

/// HMAC-SHA256 over OpenSSL's one-shot `HMAC()`. A code that will key the next HMAC (the
/// chain of SigV4 signing keys) stays in `SecretBytes`, so no intermediate key outlives
/// its use in ordinary memory; a code that is published (a signature) comes back as bytes.
public enum HMACSHA256 {
    public static let byteCount = 32
    nonisolated(unsafe) private static let algorithm: OpaquePointer = EVP_sha256()

    /// The code of `message` under `key`, written into `output` (32 bytes).
    static func authenticate(_ message: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) {
        precondition(output.count == byteCount, "an HMAC-SHA256 code is 32 bytes")
        precondition(key.count <= Int(Int32.max), "an HMAC key fits in an int")
        var length: UInt32 = 0
        // HMAC() takes a null key pointer as "no key" even with a length of 0, and a null
        // data pointer as empty only with a length of 0: pass real addresses for both.
        let emptyByte: [UInt8] = [0]
        let result = emptyByte.withUnsafeBytes { empty in
            HMAC(algorithm, key.baseAddress ?? empty.baseAddress, Int32(key.count),
                 (message.baseAddress ?? empty.baseAddress)!.assumingMemoryBound(to: UInt8.self), message.count,
                 output.baseAddress!.assumingMemoryBound(to: UInt8.self), &length)
        }
        // HMAC() fails only when OpenSSL cannot allocate or has no SHA-256 at all.
        guard result != nil, length == UInt32(byteCount) else { fatalError("HMAC-SHA256 failed: \(OpenSSLFailure.lastReason())") }
    }

    /// The code of `message` under `key`, as bytes to publish.
    public static func code(_ message: [UInt8], key: SecretBytes) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: byteCount)
        key.withUnsafeBytes { keyBytes in
            message.withUnsafeBytes { messageBytes in
                output.withUnsafeMutableBytes { authenticate(messageBytes, key: keyBytes, into: $0) }
            }
        }
        return output
    }

    /// The code of `message` under `key`, kept secret because it keys the next HMAC.
    public static func derivedKey(_ message: [UInt8], key: SecretBytes) throws -> SecretBytes {
        let derived = try SecretBytes(count: byteCount)
        key.withUnsafeBytes { keyBytes in
            message.withUnsafeBytes { messageBytes in
                derived.withUnsafeMutableBytes { authenticate(messageBytes, key: keyBytes, into: $0) }
            }
        }
        return derived
    }
}
