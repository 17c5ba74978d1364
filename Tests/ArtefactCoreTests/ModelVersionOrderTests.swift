import ArtefactCore
import Testing

/// Version ordering must be a total order, or rollback protection and "highest version"
/// depend on which side of a comparison a version happens to be on. The fuzz harness
/// `Tests/Fuzz/Harnesses/ModelVersion.swift` found pre-release identifiers that are equal as
/// numbers but spelled differently (`001` and `1`) each sorting after the other; they are
/// now the same identifier, as the canonical version equality says.
@Suite struct ModelVersionOrderTests {
    @Test(arguments: [
        ("1.0.0-001", "1.0.0-1"),
        ("1.0.0-01.2", "1.0.0-1.2"),
        ("2.0-rc.0010", "2.0-rc.10"),
        ("3.1.4-00", "3.1.4-0"),
    ])
    func numericPreReleaseSpellingsOrderOneWay(first: String, second: String) throws {
        let a = try #require(ModelVersion(first))
        let b = try #require(ModelVersion(second))
        let holding = [a < b, a == b, b < a].filter { $0 }.count
        #expect(holding == 1, "\(first) and \(second): \(holding) of <, ==, > hold")
    }

    @Test func orderIsTransitiveAcrossNumericSpellings() throws {
        let versions = try ["1.0.0-1", "1.0.0-01", "1.0.0-001", "1.0.0-2", "1.0.0-a"].map { try #require(ModelVersion($0)) }
        for a in versions {
            for b in versions {
                for c in versions where a < b && b < c { #expect(a < c, "\(a) < \(b) < \(c) but not \(a) < \(c)") }
            }
        }
    }
}
