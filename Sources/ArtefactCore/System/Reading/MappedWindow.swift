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
    /// The bytes asked for: the mapping less the part before `position` in its first page.
    let bytes: UnsafeRawBufferPointer
    private let mapping: UnsafeMutableRawPointer
    private let mappingLength: Int
    private let slot: Int32

    /// Maps the bytes of `file` from `position` up to `end`, or up to the first multiple of
    /// `chunkSize` past the page `position` is in, whichever comes first, with
    /// `MADV_SEQUENTIAL`. Returns nil when it cannot (not a mappable file, no address
    /// space, no free handler slot): the caller reads with `pread` instead.
    init?(_ file: borrowing FileDescriptor, at position: Int64, end: Int64, chunkSize: Int) {
        let start = position / Self.pageSize * Self.pageSize
        let length = Int(min(Int64(chunkSize), end - start))
        guard length > 0, artefact_sigbus_install() == 1 else { return nil }
        // Without MAP_POPULATE: the kernel maps a warm file 64 KiB per fault ("fault
        // around"), which costs less than populating it page by page up front.
        guard let base = mmap(nil, length, PROT_READ, MAP_SHARED, file.rawValue, off_t(start)), base != MAP_FAILED else {
            return nil
        }
        let slot = artefact_window_register(base, length)
        guard slot >= 0 else {
            munmap(base, length)
            return nil
        }
        _ = madvise(base, length, MADV_SEQUENTIAL)
        // A file that is not cached yet is then read ahead into 2 MiB folios, which this and
        // every later mapping of it maps with one page-table entry per 2 MiB instead of one
        // fault per 64 KiB: about 0.1 s less kernel time per 4 GiB hashed.
        _ = madvise(base, length, MADV_HUGEPAGE)
        let skip = Int(position - start)
        mapping = base
        mappingLength = length
        bytes = UnsafeRawBufferPointer(start: base + skip, count: length - skip)
        self.slot = slot
    }

    /// Whether a page of the window was missing when read (the file was truncated under
    /// it); the bytes read there were zeros, not the file's.
    var faulted: Bool { artefact_window_faulted(slot) != 0 }

    deinit {
        artefact_window_release(slot)
        munmap(mapping, mappingLength)
    }

    /// The system's page size, to which a window's offset is aligned.
    static let pageSize = Int64(max(4096, sysconf(Int32(_SC_PAGESIZE))))
}
