/// A bounded cursor over the bytes of a key blob (OpenSSH's wire format, minisign's and
/// signify's fixed layouts). Every read checks the bytes left first, so a truncated blob
/// or a length field of 4 GiB is a clear error, never a trap or a huge allocation. It
/// hands out views into the blob, never copies, so secret bytes stay where they are.
struct KeyBlobReader {
    private let bytes: UnsafeRawBufferPointer
    private(set) var offset = 0
    /// Names the input in messages: "id_ed25519 (an OpenSSH private key)".
    let description: String

    init(_ bytes: UnsafeRawBufferPointer, description: String) {
        self.bytes = bytes
        self.description = description
    }

    var remaining: Int { bytes.count - offset }
    var isAtEnd: Bool { offset == bytes.count }

    /// The next `count` bytes.
    mutating func take(_ count: Int, _ what: String) throws -> UnsafeRawBufferPointer {
        guard count >= 0, count <= remaining else {
            throw ArtefactError.badInput("\(description) is truncated or damaged: \(what) runs past the end of the key")
        }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }

    /// A big-endian 32-bit integer (OpenSSH's `uint32`, signify's rounds).
    mutating func uint32(_ what: String) throws -> UInt32 {
        try take(4, what).reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// A little-endian 64-bit integer (minisign's cost parameters).
    mutating func littleEndianUInt64(_ what: String) throws -> UInt64 {
        try take(8, what).reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// An OpenSSH `string`: a 32-bit length, then that many bytes.
    mutating func string(_ what: String) throws -> UnsafeRawBufferPointer {
        let length = try uint32("the length of \(what)")
        guard Int(length) <= remaining else {
            throw ArtefactError.badInput("\(description) is truncated or damaged: \(what) claims \(length) bytes, "
                + "but only \(remaining) are left")
        }
        return try take(Int(length), what)
    }

    /// An OpenSSH `string` holding text, as a Swift string (a name: short, not secret).
    mutating func name(_ what: String, limit: Int = 64) throws -> String {
        let value = try string(what)
        guard value.count <= limit else {
            throw ArtefactError.badInput("\(description) is damaged: \(what) is \(value.count) bytes long")
        }
        return String(decoding: value, as: UTF8.self)
    }

    /// Fails unless every byte has been read.
    func expectEnd(_ after: String) throws {
        guard isAtEnd else {
            throw ArtefactError.badInput("\(description) is damaged: \(remaining) unexpected bytes after \(after)")
        }
    }
}
