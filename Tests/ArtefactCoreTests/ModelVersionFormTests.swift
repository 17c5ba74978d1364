import ArtefactCore
import Testing

/// Texts that are not versions, and `precedes` as the one total order over any texts.
@Suite struct ModelVersionFormTests {
    @Test(arguments: ["", "v", "1.", ".1", "1..2", "1.0-", "1.0-rc..1", "1.0-rc.", "1.0-rc_1", "1.a", "-rc.1", "+build",
                      "1.0-ré", "\u{FF11}.0", "18446744073709551616", " 1.0", "1.0 ", "1,0"])
    func notAVersion(_ text: String) {
        #expect(ModelVersion(text) == nil, "\(text) parsed")
    }

    @Test(arguments: ["0", "18446744073709551615", "1.0-rc-1", "1.0-0.a-b", "v0.0.1+build.7.x"])
    func versionsAtTheEdges(_ text: String) throws {
        let version = try #require(ModelVersion(text))
        #expect(version.text == text)
    }

    @Test func precedesOrdersEqualVersionsByText() {
        #expect(ModelVersion.precedes("1.0", "1.0.0"))
        #expect(!ModelVersion.precedes("1.0.0", "1.0"))
        #expect(!ModelVersion.precedes("1.0.0", "1.0.0"), "no text precedes itself")
    }

    @Test func precedesPutsVersionsBeforeOtherTextsAndAbsentVersionsLast() {
        #expect(ModelVersion.precedes("99", "a-nightly"))
        #expect(!ModelVersion.precedes("a-nightly", "99"))
        #expect(ModelVersion.precedes("alpha", "beta"))
        #expect(!ModelVersion.precedes(nil, nil))
        #expect(ModelVersion.precedes(nil, "zzz"), "an absent version sorts as the empty text among unparsable ones")
        #expect(!ModelVersion.precedes(nil, "1.0"))
        #expect(ModelVersion.precedes("1.0", nil))
    }
}
