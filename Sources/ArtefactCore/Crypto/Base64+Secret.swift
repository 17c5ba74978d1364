import CSodium

extension Base64 {
    /// Decodes canonical padded base64 straight into secret memory, for key files whose
    /// base64 holds a private key: no plain copy of the decoded bytes is made. libsodium's
    /// decoder refuses stray bits in the last character and bad padding; nil when `text`
    /// does not decode, or decodes to more than `limit` bytes.
    static func decodeSecret(_ text: ArraySlice<UInt8>, limit: Int) throws -> SecretBytes? {
        try Sodium.ready()
        guard !text.isEmpty, text.count % 4 == 0, text.count / 4 * 3 <= limit + 2 else { return nil }
        let scratch = try SecretBytes(count: text.count / 4 * 3)
        var length = 0
        let (status, consumed) = text.withUnsafeBufferPointer { input in
            input.baseAddress!.withMemoryRebound(to: CChar.self, capacity: input.count) { characters -> (Int32, Int) in
                var end: UnsafePointer<CChar>?
                let status = scratch.withUnsafeMutableBytes { output in
                    sodium_base642bin(output.baseAddress!.assumingMemoryBound(to: UInt8.self), output.count, characters, input.count,
                                      nil, &length, &end, Int32(sodium_base64_VARIANT_ORIGINAL))
                }
                return (status, end.map { $0 - UnsafePointer(characters) } ?? -1)
            }
        }
        // The whole text must have been consumed, padding included.
        guard status == 0, consumed == text.count, length <= limit else { return nil }
        return try scratch.withUnsafeBytes { try SecretBytes(copying: UnsafeRawBufferPointer(rebasing: $0[0..<length])) }
    }
}
