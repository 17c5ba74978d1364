import CSystem
import Glibc

/// A read-only `mmap(2)` of part of a file, whose pages are hashed or copied straight from
/// the page cache. The window is registered with the SIGBUS handler in CSystem's shim, so
/// a page that vanishes because another process truncated the file reads as zeros and
/// marks the window `faulted` instead of killing the process; its reader then rejects the
/// file. `munmap(2)` in `deinit`, so a window cannot outlive its reader's loop.
///
/// This is the only file that calls the shim's SIGBUS functions: they and their state are
/// `static` C, of which every object file that refers to them would get a copy of its own.
struct MappedWindow: ~Copyable {
    let bytes: UnsafeRawBufferPointer
    private let slot: Int32

    /// Maps `length` bytes of `file` from `offset` (a multiple of the page size) with
    /// `MAP_POPULATE` and `MADV_SEQUENTIAL`, or returns nil when it cannot (not a mappable
    /// file, no address space, no free handler slot): the caller reads with `pread` instead.
    init?(_ file: borrowing FileDescriptor, offset: Int64, length: Int) {
        guard length > 0, artefact_sigbus_install() == 1 else { return nil }
        // MAP_POPULATE sets up the page tables of a warm window in one call instead of one
        // fault per 64 KiB as the hash walks it.
        guard let base = mmap(nil, length, PROT_READ, MAP_SHARED | MAP_POPULATE, file.rawValue, off_t(offset)),
              base != MAP_FAILED else { return nil }
        let slot = artefact_window_register(base, length)
        guard slot >= 0 else {
            munmap(base, length)
            return nil
        }
        _ = madvise(base, length, MADV_SEQUENTIAL)
        self.bytes = UnsafeRawBufferPointer(start: base, count: length)
        self.slot = slot
    }

    /// Whether a page of the window was missing when read (the file was truncated under
    /// it); the bytes read there were zeros, not the file's.
    var faulted: Bool { artefact_window_faulted(slot) != 0 }

    deinit {
        artefact_window_release(slot)
        munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress!), bytes.count)
    }

    /// The system's page size, to which a window's offset is aligned.
    static let pageSize = Int64(max(4096, sysconf(Int32(_SC_PAGESIZE))))
}
