import ArtefactCore
import Testing

@Suite struct StrictJSONParserTests {
    func parse(_ text: String) throws -> JSONValue { try StrictJSONParser.parse(Array(text.utf8)) }

    @Test func parsesOrdinaryDocuments() throws {
        let value = try parse(#" {"a": [1, -2.5e3, true, false, null], "b": {"c": "d\u00e9\n"}} "#)
        #expect(value == .object([
            ("a", .array([.number("1"), .number("-2.5e3"), .bool(true), .bool(false), .null])),
            ("b", .object([("c", .string("dé\n"))])),
        ]))
    }

    @Test(arguments: [
        #"{"a":1,"a":2}"#,
        #"{"x":{"a":1,"b":2,"a":3}}"#,
        #"[{"k":1},{"k":2,"k":2}]"#,
        #"{"\u0061":1,"a":2}"#,
    ])
    func rejectsDuplicateKeys(_ text: String) {
        #expect(throws: JSONParseError.self) { try parse(text) }
        do { _ = try parse(text) } catch let error as JSONParseError { #expect(error.message.contains("duplicate key")) } catch { Issue.record(error) }
    }

    @Test(arguments: [
        "", "{", "{}x", "[1,]", "{\"a\":1,}", "01", "1.", "-", "\"\\x\"", "\"\u{01}\"", "\"\\ud800\"", "nul", "{'a':1}",
        "[1 2]", "\"abc",
    ])
    func rejectsMalformedJSON(_ text: String) {
        #expect(throws: JSONParseError.self) { try parse(text) }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONParseError.self) { try StrictJSONParser.parse([0x22, 0xff, 0x22]) }
    }

    @Test func refusesDeepNesting() throws {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: JSONParseError.self) { try parse(deep) }
        let shallow = String(repeating: "[", count: 10) + String(repeating: "]", count: 10)
        _ = try parse(shallow)
    }

    @Test func decodesSurrogatePairs() throws {
        #expect(try parse(#""\ud83d\ude00""#) == .string("😀"))
    }

    @Test func writerRoundTripsThroughParser() throws {
        let value = jsonObject([("text", .string("quote \" slash \\ tab \t nul \u{0} é")), ("n", .integer(Int64.max))])
        #expect(try StrictJSONParser.parse(JSONWriter.compact(value)) == value)
        #expect(try StrictJSONParser.parse(JSONWriter.pretty(value)) == value)
    }
}

/// Hostile documents are bounded in depth and in the memory their tree takes; real ones,
/// which are mostly strings, pass.
@Suite struct StrictJSONParserBoundsTests {
    static func repeated(_ element: String, count: Int, open: String = "[", close: String = "]") -> [UInt8] {
        Array((open + Array(repeating: element, count: count).joined(separator: ",") + close).utf8)
    }

    @Test(arguments: [
        repeated("[0]", count: 200_000),
        repeated("0", count: 400_000),
        repeated("[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]", count: 40_000),
        repeated("{}", count: 300_000),
        repeated(#"{"a":[{}]}"#, count: 100_000),
        Array(("{" + (0..<120_000).map { #""k\#($0)":0"# }.joined(separator: ",") + "}").utf8),
    ])
    func documentsOfManySmallValuesAreRefusedBeforeTheyTakeMemory(document: [UInt8]) {
        #expect {
            _ = try StrictJSONParser.parse(document)
        } throws: { error in
            (error as? JSONParseError)?.message.contains("times its size in memory") == true
        }
    }

    @Test func nestingIsBounded() {
        let deep = Array((String(repeating: "[", count: 65) + String(repeating: "]", count: 65)).utf8)
        #expect(throws: JSONParseError.self) { _ = try StrictJSONParser.parse(deep) }
        let fine = Array((String(repeating: "[", count: 64) + String(repeating: "]", count: 64)).utf8)
        #expect(throws: Never.self) { _ = try StrictJSONParser.parse(fine) }
    }

    /// A signed file list of 20,000 one-letter paths: the densest real document.
    @Test func aRealisticFileListWithShortPathsPasses() throws {
        let digest = String(repeating: "ab", count: 32)
        let entries = (0..<20_000).map { #"{"path":"\#($0 % 10)","size":\#($0),"sha256":"\#(digest)"}"# }
        let document = Array((#"{"files":["# + entries.joined(separator: ",") + "]}").utf8)
        #expect(throws: Never.self) { _ = try StrictJSONParser.parse(document) }
    }
}
