@testable import ArtefactCore

/// The strict JSON parser never traps on any bytes, and whatever it accepts writes back
/// (compact and indented) to text that parses to the same value.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStrictJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let value = try? StrictJSONParser.parse(Fuzz.bytes(data, size)) else { return 0 }
    let compact = JSONWriter.compact(value)
    Fuzz.require((try? StrictJSONParser.parse(compact)) == value, "compact form \(Fuzz.show(compact)) reads back differently")
    let pretty = JSONWriter.pretty(value)
    Fuzz.require((try? StrictJSONParser.parse(pretty)) == value, "pretty form \(Fuzz.show(pretty)) reads back differently")
    return 0
}
