import CSodium

/// Standard padded base64 (RFC 4648 section 4), as DSSE and Sigstore bundles use it, over
/// libsodium's constant-time codec. Decoding is strict: no whitespace, correct padding.
public enum Base64 {
    public static func encode(_ bytes: [UInt8]) -> String {
        _ = Sodium.initialised
        let variant = Int32(sodium_base64_VARIANT_ORIGINAL)
        let length = sodium_base64_encoded_len(bytes.count, variant)
        var output = [CChar](repeating: 0, count: length)
        _ = sodium_bin2base64(&output, length, bytes, bytes.count, variant)
        return String(decoding: output.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The decoded bytes, or nil when `text` is not canonical padded base64.
    public static func decode(_ text: String) -> [UInt8]? {
        _ = Sodium.initialised
        let input = Array(text.utf8)
        guard input.count % 4 == 0 else { return nil }
        if input.isEmpty { return [] }
        var output = [UInt8](repeating: 0, count: input.count / 4 * 3)
        var length = 0
        var end: UnsafePointer<CChar>?
        let status = input.withUnsafeBufferPointer { pointer in
            pointer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(input.count, 1)) { characters in
                sodium_base642bin(&output, output.count, characters, input.count, nil, &length, &end,
                                  Int32(sodium_base64_VARIANT_ORIGINAL))
            }
        }
        guard status == 0 else { return nil }
        let decoded = Array(output[0..<length])
        // Refuse non-canonical encodings (stray bits in the last character).
        guard encode(decoded) == text else { return nil }
        return decoded
    }
}
