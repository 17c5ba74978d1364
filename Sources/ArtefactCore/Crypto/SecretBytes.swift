import CSodium

/// Secret bytes (a passphrase, a private key seed) in guarded memory from `sodium_malloc`.
/// The memory is wiped and freed in `deinit`, and the value never prints its contents.
public final class SecretBytes: @unchecked Sendable, CustomStringConvertible {
    public let count: Int
    private let pointer: UnsafeMutableRawPointer

    /// Allocates `count` zeroed secret bytes.
    public init(count: Int) throws {
        try Sodium.ready()
        guard let memory = sodium_malloc(max(count, 1)) else {
            throw ArtefactError.operational("could not allocate secure memory")
        }
        sodium_memzero(memory, max(count, 1))
        self.count = count
        self.pointer = memory
    }

    /// Copies `bytes` into secret memory. The caller remains responsible for wiping its copy.
    public convenience init(copying bytes: UnsafeRawBufferPointer) throws {
        try self.init(count: bytes.count)
        if let base = bytes.baseAddress, bytes.count > 0 { pointer.copyMemory(from: base, byteCount: bytes.count) }
    }

    deinit {
        sodium_free(pointer)
    }

    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    public func withUnsafeMutableBytes<Result>(_ body: (UnsafeMutableRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeMutableRawBufferPointer(start: pointer, count: count))
    }

    /// Constant-time equality (`sodium_memcmp`).
    public func constantTimeEquals(_ other: SecretBytes) -> Bool {
        count == other.count && sodium_memcmp(pointer, other.pointer, count) == 0
    }

    public var description: String { "SecretBytes(\(count) bytes, redacted)" }
}

/// Wipes a byte array in place with `sodium_memzero`, for buffers that held secrets.
public func wipe(_ bytes: inout [UInt8]) {
    bytes.withUnsafeMutableBytes { raw in
        if let base = raw.baseAddress { sodium_memzero(base, raw.count) }
    }
}
