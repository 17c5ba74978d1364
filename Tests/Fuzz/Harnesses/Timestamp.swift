@testable import ArtefactCore

/// Timestamp and duration parsing never trap. A timestamp that parses prints as text
/// that parses to the same moment, and text already in the printed form
/// (`YYYY-MM-DDTHH:MM:SSZ`, no leap second) prints back unchanged.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTimestamp(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Fuzz.bytes(data, size)
    let text = String(decoding: bytes, as: UTF8.self)
    if let seconds = Timestamp.parseDuration(text) { Fuzz.require(seconds > 0, "duration \(text.debugDescription) is \(seconds) s") }
    guard let time = Timestamp(rfc3339: text) else { return 0 }
    let printed = time.description
    Fuzz.require(Timestamp(rfc3339: printed) == time, "\(text.debugDescription) prints as \(printed), which reads as another time")
    if isPrintedForm(bytes) {
        Fuzz.require(printed == text, "\(text.debugDescription) prints as \(printed)")
    }
    return 0
}

/// Whether the bytes are `DDDD-DD-DDTDD:DD:DDZ` with a second below 60.
func isPrintedForm(_ bytes: [UInt8]) -> Bool {
    let shape = Array("dddd-dd-ddTdd:dd:ddZ".utf8)
    guard bytes.count == shape.count else { return false }
    for (byte, expected) in zip(bytes, shape) {
        let matches = expected == UInt8(ascii: "d") ? (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) : byte == expected
        guard matches else { return false }
    }
    return bytes[17] < UInt8(ascii: "6")
}
