@testable import ArtefactCore
import Testing

/// The strict XML reader: what S3 servers send is read, and hostile or malformed documents
/// are refused with an operational error naming the server, within bounds.
@Suite struct XMLReaderTests {
    static func parse(_ text: String, limits: XMLLimits = XMLLimits()) throws -> XMLElement {
        try XMLReader.parse(Array(text.utf8), from: "https://s3.test", limits: limits)
    }

    /// The refusal's message, or nil when the document was read.
    static func refusal(_ text: String, limits: XMLLimits = XMLLimits()) -> String? {
        do {
            _ = try parse(text, limits: limits)
            return nil
        } catch let error as ArtefactError {
            #expect(error.kind == .operational)
            #expect(error.message.hasPrefix("https://s3.test answered with XML artefact refuses: "))
            return error.message
        } catch {
            Issue.record("unexpected error \(error)")
            return "?"
        }
    }

    @Test func readsElementsTextAndEntities() throws {
        let root = try Self.parse("""
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- S3 -->
            <s3:Root xmlns:s3="http://s3.amazonaws.com/doc/2006-03-01/" a='1'>
              <Key>a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; &#233;&#xE9; &#x1F600;</Key>
              <Empty/><Empty  />
              <Data><![CDATA[<not a tag> & raw]]></Data>
              <?ignored instruction?>
              <Nested><Inner>x</Inner></Nested>
            </s3:Root>
            <!-- after -->
            """)
        #expect(root.name == "Root")
        #expect(root.text(of: "Key") == "a <b> & \"c\" 'd' éé 😀")
        #expect(root.children("Empty").count == 2)
        #expect(root.text(of: "Data") == "<not a tag> & raw")
        #expect(root.child("Nested")?.text(of: "Inner") == "x")
        #expect(root.children.map(\.name) == ["Key", "Empty", "Empty", "Data", "Nested"])
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        #expect(try XMLReader.parse([0xEF, 0xBB, 0xBF] + Array("<a>x</a>".utf8), from: "s").text == "x")
    }

    @Test func declarationsAreRefused() {
        #expect(Self.refusal("<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>")?.contains("DOCTYPE") == true)
        #expect(Self.refusal("<?xml version=\"1.0\"?><!ENTITY x \"y\"><a/>") != nil)
        #expect(Self.refusal("<a><!ENTITY x \"y\"></a>") != nil)
    }

    @Test func unknownAndBadReferencesAreRefused() {
        for text in ["<a>&x;</a>", "<a>&amp</a>", "<a>& b</a>", "<a>&#0;</a>", "<a>&#xD800;</a>", "<a>&#x110000;</a>", "<a>&#x;</a>",
                     "<a>&#-1;</a>", "<a>&#x+41;</a>", "<a>&#99999999999;</a>", "<a b='&x;'/>", "<a>&lt</a>"] {
            #expect(Self.refusal(text) != nil, "\(text)")
        }
    }

    @Test func malformedDocumentsAreRefused() {
        for text in ["", "   ", "text", "<a>", "<a></b>", "<a><b></a></b>", "<a/><b/>", "<a/>text", "<a b></a>", "<a b=c/>", "<a b='1/>",
                     "<a>\u{01}</a>", "<a><![CDATA[x</a>", "<a><!-- x</a>", "<a><?x</a>", "<1a/>", "< a/>", "<a>x</a", "<a/ >", "<a\u{01}/>"] {
            #expect(Self.refusal(text) != nil, "\(text.debugDescription)")
        }
        #expect(throws: ArtefactError.self) { try XMLReader.parse([UInt8]("<a>".utf8) + [0xFF, 0xFE] + [UInt8]("</a>".utf8), from: "s") }
    }

    @Test func truncatedDocumentsAreRefused() {
        let whole = "<?xml version=\"1.0\"?><ListBucketResult><Contents><Key>k</Key><Size>1</Size></Contents></ListBucketResult>"
        for length in 0..<whole.utf8.count {
            #expect(Self.refusal(String(decoding: whole.utf8.prefix(length), as: UTF8.self)) != nil, "\(length) bytes")
        }
        #expect(Self.refusal(whole) == nil)
    }

    @Test func boundsAreEnforced() {
        var limits = XMLLimits()
        limits.depth = 8
        #expect(Self.refusal(String(repeating: "<a>", count: 8) + String(repeating: "</a>", count: 8), limits: limits) == nil)
        #expect(Self.refusal(String(repeating: "<a>", count: 9) + String(repeating: "</a>", count: 9), limits: limits)?.contains("nested more than 8") == true)
        // Deep nesting at the default limit's scale never touches the thread's stack.
        #expect(Self.refusal(String(repeating: "<a>", count: 200_000))?.contains("nested more than 32") == true)
        limits = XMLLimits()
        limits.elements = 100
        #expect(Self.refusal("<r>" + String(repeating: "<e/>", count: 99) + "</r>", limits: limits) == nil)
        #expect(Self.refusal("<r>" + String(repeating: "<e/>", count: 100) + "</r>", limits: limits)?.contains("more than 100 elements") == true)
        limits = XMLLimits()
        limits.bytes = 64
        #expect(Self.refusal("<r>" + String(repeating: "x", count: 60) + "</r>", limits: limits)?.contains("larger than 64 bytes") == true)
    }

    @Test func aHugeFlatDocumentIsRefusedAtTheDefaultLimit() {
        let many = "<r>" + String(repeating: "<e/>", count: 100_001) + "</r>"
        #expect(Self.refusal(many)?.contains("more than 100000 elements") == true)
    }
}
