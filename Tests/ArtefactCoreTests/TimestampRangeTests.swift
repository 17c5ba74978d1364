import ArtefactCore
import Testing

/// A time that parses must print as text that reads back as the same time. The fuzz
/// harness `Tests/Fuzz/Harnesses/Timestamp.swift` found offsets that carry the first or
/// last four-digit year out of range, printing as `00-1-12-31T23:00:00Z` or
/// `10000-01-01T00:59:59Z`; such times are now refused when parsed.
@Suite struct TimestampRangeTests {
    @Test(arguments: [
        "0000-01-01T00:00:00+01:00",
        "0000-01-01T00:59:59.5+01:00",
        "9999-12-31T23:59:59-01:00",
        "9999-12-31T23:30:00-00:30",
        "9999-12-31T23:59:60Z",
    ])
    func timesOutsideFourDigitYearsAreRefused(text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }

    @Test(arguments: [
        ("0000-01-01T00:00:00Z", "0000-01-01T00:00:00Z"),
        ("0000-01-01T01:00:00+01:00", "0000-01-01T00:00:00Z"),
        ("9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z"),
        ("9999-12-31T22:59:59-01:00", "9999-12-31T23:59:59Z"),
    ])
    func theFirstAndLastRepresentableTimesRoundTrip(text: String, printed: String) throws {
        let time = try #require(Timestamp(rfc3339: text))
        #expect(time.description == printed)
        #expect(Timestamp(rfc3339: time.description) == time)
    }
}
