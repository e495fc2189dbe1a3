import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `xl/workbook.xml`: the sheets, in order, with their relationship IDs.
final class XLSXWorkbookPart: NSObject, XLSXPart {
    var failure: String?
    var sheets: [(name: String, relationship: String)] = []
    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        guard element == "sheet" || element.hasSuffix(":sheet") else { return }
        let rel = attributes.first { $0.key == "r:id" || $0.key.hasSuffix(":id") }?.value ?? ""
        sheets.append((attributes["name"] ?? "", rel))
    }
}

/// `xl/_rels/workbook.xml.rels`: relationship ID → the part it points at.
final class XLSXRelationshipsPart: NSObject, XLSXPart {
    var failure: String?
    var targets: [String: String] = [:]
    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if element == "Relationship", let id = attributes["Id"], let t = attributes["Target"] { targets[id] = t }
    }
}

/// `<si>` items: plain `<t>` or rich-text runs `<r><t>…</t></r>`, concatenated; phonetic
/// guides (`<rPh>`, the furigana Japanese Excel stores) are not part of the text.
final class XLSXSharedStringsPart: NSObject, XLSXPart {
    var failure: String?
    var strings: [String] = []
    private var current = ""
    private var inText = false
    private var inPhonetic = false
    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch element {
        case "si": current = ""
        case "rPh": inPhonetic = true
        case "t": inText = !inPhonetic
        default: break
        }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }
    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        switch element {
        case "si": strings.append(current)
        case "rPh": inPhonetic = false
        case "t": inText = false
        default: break
        }
    }
}

/// Which cell styles (`cellXfs` indexes) show a date: the built-in date formats (14–22, 45–47,
/// and the East Asian 27–36, 50–58) and custom formats whose code has y, m, d or h outside
/// quotes and brackets.
final class XLSXStylesPart: NSObject, XLSXPart {
    var failure: String?
    var dateStyleIndexes = Set<Int>()
    private var customDate = Set<Int>()
    private var inCellXfs = false
    private var xfIndex = 0
    static let builtInDates = Set(Array(14...22) + Array(27...36) + Array(45...47) + Array(50...58))

    static func isDateCode(_ code: String) -> Bool {
        var quoted = false, bracket = false
        for ch in code.lowercased() {
            switch ch {
            case "\"": quoted.toggle()
            case "[": bracket = true
            case "]": bracket = false
            case "y", "m", "d",
                "h" where !quoted && !bracket:
                return true
            default: break
            }
        }
        return false
    }

    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch element {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"],
                Self.isDateCode(code)
            {
                customDate.insert(id)
            }
        case "cellXfs":
            inCellXfs = true
            xfIndex = 0
        case "xf" where inCellXfs:
            let id = attributes["numFmtId"].flatMap(Int.init) ?? 0
            if Self.builtInDates.contains(id) || customDate.contains(id) { dateStyleIndexes.insert(xfIndex) }
            xfIndex += 1
        default: break
        }
    }
    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        if element == "cellXfs" { inCellXfs = false }
    }
}
