@testable import ArtefactCore

/// Version parsing never traps, and the ordering is a total order on whatever versions
/// the input holds (up to three, one per line): exactly one of `<`, `==`, `>` holds for
/// each pair, and both `<` and `==` are transitive on every triple.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModelVersion(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let texts = Fuzz.lines(Fuzz.bytes(data, size), limit: 3).map { String(decoding: $0, as: UTF8.self) }
    let versions = texts.compactMap(ModelVersion.init)
    for a in versions {
        Fuzz.require(a == a && !(a < a), "\(a) is not equal to itself")
        for b in versions {
            let relations = [a < b, a == b, b < a].filter { $0 }.count
            Fuzz.require(relations == 1, "\(a) and \(b): \(relations) of <, ==, > hold")
            for c in versions {
                if a < b && b < c { Fuzz.require(a < c, "\(a) < \(b) < \(c) but not \(a) < \(c)") }
                if a == b && b == c { Fuzz.require(a == c, "\(a) == \(b) == \(c) but not \(a) == \(c)") }
            }
        }
    }
    return 0
}
