import ArtefactCore
import Testing

@Suite struct EncodingTests {
    @Test func base64RoundTripsAndIsStrict() {
        for length in 0..<8 {
            let bytes = (0..<length).map { UInt8($0 * 37 & 0xff) }
            #expect(Base64.decode(Base64.encode(bytes)) == bytes)
        }
        #expect(Base64.encode(Array("hello".utf8)) == "aGVsbG8=")
        #expect(Base64.decode("aGVsbG8") == nil)
        #expect(Base64.decode("aGVs bG8=") == nil)
        #expect(Base64.decode("aGVsbG9=") == nil)
        #expect(Base64.decode("aGVsbG8-") == nil)
    }

    @Test func hexIsLowercaseAndStrict() {
        #expect(Hex.encode([0x00, 0xab, 0xff]) == "00abff")
        #expect(Hex.decode("00ABff") == [0x00, 0xab, 0xff])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
        #expect(SHA256Digest(hex: String(repeating: "A", count: 64)) == nil)
        #expect(SHA256Digest(hex: String(repeating: "a", count: 64)) != nil)
    }

    @Test func timestampsFormatAndParse() {
        let time = Timestamp(secondsSinceEpoch: 1_767_225_600)
        #expect(time.description == "2026-01-01T00:00:00Z")
        #expect(Timestamp(rfc3339: "2026-01-01T00:00:00Z") == time)
        #expect(Timestamp(rfc3339: "2026-01-01") == time)
        #expect(Timestamp(rfc3339: "2026-01-01T01:30:00+01:30") == time)
        #expect(Timestamp(rfc3339: "2026-01-01T00:00:00.250Z") == time)
        for bad in ["2026-02-30", "2026-13-01", "2026-01-01T25:00:00Z", "2026-01-01T00:00:00", "yesterday", "2026-1-1"] {
            #expect(Timestamp(rfc3339: bad) == nil, "\(bad)")
        }
    }

    @Test func durationsParse() {
        #expect(Timestamp.parseDuration("90d") == Int64(90 * 86_400))
        #expect(Timestamp.parseDuration("12h") == Int64(12 * 3600))
        #expect(Timestamp.parseDuration("2w") == Int64(14 * 86_400))
        #expect(Timestamp.parseDuration("0d") == nil)
        #expect(Timestamp.parseDuration("d") == nil)
        #expect(Timestamp.parseDuration("5y") == nil)
        #expect(Timestamp.parseDuration("99999999999999999w") == nil)
    }

    @Test func classificationsAreOrdered() throws {
        #expect(Classification.public < .internal)
        #expect(Classification.internal < .confidential)
        #expect(Classification.confidential < .restricted)
        #expect(throws: ArtefactError.self) { try Classification.parse("secret") }
    }
}
