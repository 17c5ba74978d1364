import ArtefactCore
import Testing

/// The one version comparison (see `Docs/STORE.md`, "Versions").
@Suite struct ModelVersionTests {
    func version(_ text: String) throws -> ModelVersion { try #require(ModelVersion(text), "\(text) does not parse") }

    @Test(arguments: [("2.0", "2.0.0"), ("2", "2.0.0.0"), ("v2.0.0", "2.0.0"), ("2.0.0+build.7", "2.0.0"),
                      ("2.0.0-rc.1", "2.0-rc.1"), ("2.0.0-rc.01", "2.0.0-rc.1"), ("2.0.0-rc.1+x", "v2-rc.1")])
    func equalSpellings(_ pair: (String, String)) throws {
        let (left, right) = (try version(pair.0), try version(pair.1))
        #expect(left == right)
        #expect(!(left < right) && !(right < left))
        #expect(left.hashValue == right.hashValue)
        #expect(left.canonical == right.canonical)
        #expect(ModelVersion.same(pair.0, pair.1))
        #expect(ModelVersion.key(pair.0) == ModelVersion.key(pair.1))
    }

    @Test(arguments: [("1.9.0", "1.10.0"), ("2.0.0-rc.1", "2.0.0"), ("2.0.0-rc.1", "2.0.0-rc.2"), ("2.0.0-alpha", "2.0.0-beta"),
                      ("2.0.0-rc.9", "2.0.0-rc.10"), ("2.0.0-1", "2.0.0-alpha"), ("2.0.0-rc", "2.0.0-rc.1"), ("0.9", "1")])
    func strictOrder(_ pair: (String, String)) throws {
        let (lower, higher) = (try version(pair.0), try version(pair.1))
        #expect(lower < higher)
        #expect(!(higher < lower))
        #expect(lower != higher)
        #expect(!ModelVersion.same(pair.0, pair.1))
        #expect(ModelVersion.precedes(pair.0, pair.1))
    }

    @Test func canonicalSpelling() throws {
        #expect(try version("v2.0.0+build").canonical == "2")
        #expect(try version("0.0.0").canonical == "0")
        #expect(try version("1.2.0-rc.007.x").canonical == "1.2-rc.7.x")
    }

    @Test func unparsableTextsAreEqualOnlyByteForByte() {
        #expect(ModelVersion.same("nightly", "nightly"))
        #expect(!ModelVersion.same("nightly", "Nightly"))
        #expect(!ModelVersion.same("1.0", nil))
        #expect(ModelVersion.same(nil, nil))
        #expect(!ModelVersion.same("1..0", "1.0"))
        #expect(ModelVersion("V2") == nil, "only a lower-case v is a prefix")
        #expect(ModelVersion.precedes("9.0", "nightly"))
    }
}
