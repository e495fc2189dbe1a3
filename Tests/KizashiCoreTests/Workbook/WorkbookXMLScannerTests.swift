import KizashiCore
import Testing

/// `WorkbookXMLScanner` on what Excel writes, and on what an attacker writes instead.
@Suite("Workbook XML scanner")
struct WorkbookXMLScannerTests {
    /// The events as text: `<name k=v>`, `</name>`, `"text"`.
    func events(_ xml: String) throws -> [String] {
        var out: [String] = []
        try WorkbookXMLScanner.scan(Array(xml.utf8)) { e in
            switch e {
            case .start(let name, let attributes):
                let a = attributes.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
                out.append("<\(name)\(a)>")
            case .end(let name): out.append("</\(name)>")
            case .text(let t): out.append("\"\(t)\"")
            }
        }
        return out
    }

    func failure(_ xml: [UInt8]) -> String? {
        do {
            try WorkbookXMLScanner.scan(xml) { _ in }
            return nil
        } catch let f as WorkbookXMLScanner.Failure {
            return f.description
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test("elements, attributes, prefixes, entities, character references, CDATA; comments and PIs skipped")
    func wellFormed() throws {
        let xml = """
            \u{FEFF}<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <!-- Excel --><x:sst xmlns:x="urn:x" count='2'><x:si><x:t xml:space="preserve">A &amp; B &lt;&#x41;&#66;&gt; &quot;&apos;</x:t></x:si>\
            <si><t><![CDATA[<raw> & ]]></t><?pi data?></si><empty a="1"/></x:sst>
            """
        #expect(
            try events(xml) == [
                "<sst count=2 xmlns:x=urn:x>", "<si>", "<t xml:space=preserve>", "\"A & B <AB> \"'\"", "</t>", "</si>",
                "<si>", "<t>", "\"<raw> & \"", "</t>", "</si>", "<empty a=1>", "</empty>", "</sst>",
            ])
    }

    @Test("a DTD (entities, billion laughs, external files) is refused outright")
    func noDTD() {
        #expect(
            failure(
                Array(#"<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]><w>&x;</w>"#.utf8))
                == "malformed XML (line 1): a DTD or declaration, which a workbook part may not have")
        #expect(
            failure(Array("<w>&x;</w>".utf8))
                == "malformed XML (line 1): unknown reference &x; (a workbook part has no DTD to define it)")
    }

    @Test("what fuzzing found in Foundation's parser: a PI without data, a name that is not UTF-8 — no trap")
    func fuzzFindings() throws {
        // crash-processing-instruction-without-data: `<?x1?>` then a tag that never closes properly.
        let pi = Array("<?x1?>\n<worml version=\"1?>\n<workata></wo>".utf8)
        #expect(failure(pi) != nil)
        #expect(try events("<?x?><w/>") == ["<w>", "</w>"])
        // crash-attribute-name-not-utf8: the scanner repairs the bytes of a name, never traps.
        #expect(failure(Array("<w xmln".utf8) + [0xCF] + Array("s=\"x\"/>".utf8)) == nil)
    }

    @Test("malformed documents: each error names its line")
    func malformed() {
        let cases: [(String, String)] = [
            ("<a><b></a>", "malformed XML (line 1): an end tag </a> that closes no open element"),
            ("<a>\n<b>", "malformed XML (line 2): element <b> is never closed"),
            ("<a/><b/>", "malformed XML (line 1): a second root element"),
            ("<a x=1/>", "malformed XML (line 1): attribute x: the value is not quoted"),
            ("<a x='1' x='2'/>", "malformed XML (line 1): attribute x appears twice"),
            ("<a x='<'/>", "malformed XML (line 1): attribute x: '<' inside its value"),
            ("<a>&#0;</a>", "malformed XML (line 1): &#0; is not a character XML allows"),
            ("<a>&#xD800;</a>", "malformed XML (line 1): &#xD800; is not a character XML allows"),
            ("<a>&#x110000;</a>", "malformed XML (line 1): &#x110000; is not a character XML allows"),
            ("<a>& b</a>", "malformed XML (line 1): an '&' that starts no reference"),
            ("text", "malformed XML (line 1): text outside the root element"),
            ("", "malformed XML (line 1): no root element"),
            ("<a><!-- open", "malformed XML (line 1): a comment is never closed"),
            ("<a", "malformed XML (line 1): a start tag is never closed"),
        ]
        for (xml, expected) in cases { #expect(failure(Array(xml.utf8)) == expected, "\(xml)") }
    }

    @Test("nesting deeper than 256 is refused (no recursion, no stack to exhaust)")
    func depth() {
        let ok = String(repeating: "<a>", count: 256) + String(repeating: "</a>", count: 256)
        #expect(failure(Array(ok.utf8)) == nil)
        let deep = String(repeating: "<a>", count: 257)
        #expect(failure(Array(deep.utf8)) == "malformed XML (line 1): elements nested deeper than 256")
    }
}
