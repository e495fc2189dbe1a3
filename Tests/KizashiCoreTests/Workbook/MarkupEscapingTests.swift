import KizashiCore
import Testing

/// One escaper for markup (`HTMLText`): pages and the HTML review take `escape`, the workbook's
/// XML takes `xml`.
@Suite("Markup escaping")
struct MarkupEscapingTests {
    @Test("HTML: the five markup characters become entities; everything else is kept")
    func html() {
        #expect(HTMLText.escape("A&B <x> \"q\" 'a'") == "A&amp;B &lt;x&gt; &quot;q&quot; &#39;a&#39;")
        #expect(HTMLText.escape("株式会社\u{1}\t") == "株式会社\u{1}\t")  // HTML keeps control characters as they are
    }

    @Test("XML 1.0: the apostrophe is kept (attributes are double-quoted); what XML cannot hold is dropped")
    func xml() {
        #expect(HTMLText.xml("A&B <x> \"q\" 'a'") == "A&amp;B &lt;x&gt; &quot;q&quot; 'a'")
        // U+0001 and U+FFFE are not XML 1.0 characters; tab, newline and carriage return are.
        #expect(HTMLText.xml("a\u{1}b\u{FFFE}c\td\ne\rf") == "abc\td\ne\rf")
    }
}
