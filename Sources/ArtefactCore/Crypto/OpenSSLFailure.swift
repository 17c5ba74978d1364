import COpenSSL

/// Reads and clears OpenSSL's thread-local error queue, returning its most specific line.
enum OpenSSLFailure {
    static func lastReason() -> String {
        var last: UInt = 0
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            last = code
        }
        guard last != 0 else { return "unknown OpenSSL error" }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(last, &buffer, buffer.count)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func clear() { ERR_clear_error() }
}
