/// What a request carries.
enum HTTPBody {
    case none
    case bytes([UInt8])
    /// `length` bytes of a file from `offset`, streamed through the file's reader.
    case file(HTTPBodyFile, offset: Int64, length: Int64)

    var length: Int64 {
        switch self {
        case .none: return 0
        case .bytes(let bytes): return Int64(bytes.count)
        case .file(_, _, let length): return length
        }
    }
}
