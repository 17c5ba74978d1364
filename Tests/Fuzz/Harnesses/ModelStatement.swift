@testable import ArtefactCore

/// Statement and predicate decoding never trap. The input is tried both as a whole
/// statement and as a bare predicate (so mutations need not keep the subject digest
/// right to reach the predicate's checks); an accepted statement re-encodes to a payload
/// that decodes to the same manifest.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModelStatement(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Fuzz.bytes(data, size)
    if let value = try? StrictJSONParser.parse(bytes) { _ = try? ModelManifestDecoder.decode(value) }
    guard let manifest = try? ModelStatement.decode(payload: bytes) else { return 0 }
    let payload = ModelStatement.payload(for: manifest)
    Fuzz.require((try? ModelStatement.decode(payload: payload)) == manifest,
                 "the re-encoded payload \(Fuzz.show(payload)) does not decode to the same manifest")
    return 0
}
