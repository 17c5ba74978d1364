import COpenSSL

/// An OpenSSL memory BIO owned by this value, for PEM and DER in and out of memory.
final class MemoryBIO {
    let pointer: OpaquePointer

    /// An empty BIO to write into. `secure` selects OpenSSL's clearing memory BIO, for
    /// output that holds secrets.
    init(secure: Bool = false) {
        guard let bio = BIO_new(secure ? BIO_s_secmem() : BIO_s_mem()) else { fatalError("BIO_new: out of memory") }
        pointer = bio
    }

    /// A BIO that reads a copy of `bytes`.
    init(reading bytes: [UInt8]) {
        let bio = BIO_new(BIO_s_secmem())!
        bytes.withUnsafeBytes { raw in _ = BIO_write(bio, raw.baseAddress, Int32(raw.count)) }
        pointer = bio
    }

    deinit { BIO_free(pointer) }

    /// Everything written so far.
    var contents: [UInt8] {
        var data: UnsafeMutablePointer<CChar>?
        let length = artefact_bio_get_mem_data(pointer, &data)
        guard length > 0, let data else { return [] }
        return Array(UnsafeRawBufferPointer(start: data, count: length))
    }

    /// Everything written so far, copied straight into secret memory (for a BIO made with
    /// `secure: true` that holds a private key).
    func secretContents() throws -> SecretBytes {
        var data: UnsafeMutablePointer<CChar>?
        let length = artefact_bio_get_mem_data(pointer, &data)
        guard length > 0, let data else { return try SecretBytes(count: 0) }
        return try SecretBytes(copying: UnsafeRawBufferPointer(start: data, count: length))
    }
}
