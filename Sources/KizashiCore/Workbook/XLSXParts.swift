/// The small parts of an `.xlsx` workbook, read with `WorkbookXMLScanner`: which sheets there
/// are, where their parts are, the shared strings, and which cell styles show a date.
public enum XLSXParts {
    /// `xl/workbook.xml`: the sheets, in order, with their relationship IDs.
    public static func sheets(workbook bytes: [UInt8]) throws -> [(name: String, relationship: String)] {
        var sheets: [(name: String, relationship: String)] = []
        try WorkbookXMLScanner.scan(bytes) { event in
            guard case .start(let name, let attributes) = event, name == "sheet" else { return }
            let rel = attributes.first { $0.key == "r:id" || $0.key.hasSuffix(":id") }?.value ?? ""
            sheets.append((attributes["name"] ?? "", rel))
        }
        return sheets
    }

    /// `xl/_rels/workbook.xml.rels`: relationship ID → the part it points at.
    public static func relationships(_ bytes: [UInt8]) throws -> [String: String] {
        var targets: [String: String] = [:]
        try WorkbookXMLScanner.scan(bytes) { event in
            guard case .start(let name, let attributes) = event, name == "Relationship",
                let id = attributes["Id"], let target = attributes["Target"]
            else { return }
            targets[id] = target
        }
        return targets
    }

    /// `<si>` items: plain `<t>` or rich-text runs `<r><t>…</t></r>`, concatenated; phonetic
    /// guides (`<rPh>`, the furigana Japanese Excel stores) are not part of the text.
    public static func sharedStrings(_ bytes: [UInt8]) throws -> [String] {
        var strings: [String] = []
        var current = ""
        var inText = false, inPhonetic = false
        try WorkbookXMLScanner.scan(bytes) { event in
            switch event {
            case .start(let name, _):
                switch name {
                case "si": current = ""
                case "rPh": inPhonetic = true
                case "t": inText = !inPhonetic
                default: break
                }
            case .text(let text): if inText { current += text }
            case .end(let name):
                switch name {
                case "si": strings.append(current)
                case "rPh": inPhonetic = false
                case "t": inText = false
                default: break
                }
            }
        }
        return strings
    }

    /// Which cell styles (`cellXfs` indexes) show a date: the built-in date formats (14–22, 45–47,
    /// and the East Asian 27–36, 50–58) and custom formats whose code has y, m, d or h outside
    /// quotes and brackets.
    public static func dateStyles(_ bytes: [UInt8]) throws -> Set<Int> {
        var dateStyles = Set<Int>()
        var customDate = Set<Int>()
        var inCellXfs = false
        var index = 0
        try WorkbookXMLScanner.scan(bytes) { event in
            switch event {
            case .start("numFmt", let attributes):
                if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"],
                    isDateCode(code)
                {
                    customDate.insert(id)
                }
            case .start("cellXfs", _):
                inCellXfs = true
                index = 0
            case .start("xf", let attributes) where inCellXfs:
                let id = attributes["numFmtId"].flatMap(Int.init) ?? 0
                if builtInDates.contains(id) || customDate.contains(id) { dateStyles.insert(index) }
                index += 1
            case .end("cellXfs"): inCellXfs = false
            default: break
            }
        }
        return dateStyles
    }

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
}
