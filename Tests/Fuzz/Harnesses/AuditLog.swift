@testable import ArtefactCore

/// Audit entry and checkpoint decoding never trap, and what decodes writes back to a
/// line that decodes and writes back identically.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAuditLog(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Fuzz.bytes(data, size)
    if let entry = try? AuditEntry.decode(bytes, number: 1) {
        let line = entry.line
        let again = try? AuditEntry.decode(line, number: 1)
        Fuzz.require(again?.line == line, "the rewritten entry \(Fuzz.show(line)) reads back differently")
    }
    if let checkpoint = try? AuditCheckpoint.decode(bytes) {
        let written = JSONWriter.compact(checkpoint.json)
        let again = (try? AuditCheckpoint.decode(written)).map { JSONWriter.compact($0.json) }
        Fuzz.require(again == written, "the rewritten checkpoint \(Fuzz.show(written)) reads back differently")
    }
    return 0
}
