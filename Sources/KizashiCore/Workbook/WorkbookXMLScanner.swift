/// The XML of a workbook's parts (`xl/workbook.xml`, the sheets, shared strings, styles) read as
/// start tags, end tags and text, over bytes, in pure Swift.
///
/// Why not Foundation's `XMLParser`: on Linux it force-unwraps names as UTF-8 and reads a
/// processing instruction's missing data through a null pointer, so one crafted part stopped the
/// server (found by fuzzing, issue 25); it also expands entities. Office Open XML forbids a DTD in
/// a part (ECMA-376 Part 2, §8.1.4), so this scanner takes exactly what Excel writes: elements,
/// attributes, text, CDATA, comments and processing instructions (skipped), the five predefined
/// entities and character references — and refuses a DTD, so no entity can expand or load a file.
/// Nesting is limited to `maxDepth`; every error names the line.
public struct WorkbookXMLScanner {
    public enum Event {
        /// An element's local name (prefix dropped) and its attributes by qualified name.
        case start(name: Substring, attributes: [String: String])
        case end(name: Substring)
        case text(String)
    }

    public struct Failure: Error, CustomStringConvertible, Sendable, Equatable {
        public var line: Int
        public var message: String
        public var description: String { "malformed XML (line \(line)): \(message)" }
    }

    public static let maxDepth = 256

    let bytes: [UInt8]
    var i = 0
    var open: [ArraySlice<UInt8>] = []

    /// Calls `handler` with each event in document order; throws `Failure` at the first error (or
    /// whatever `handler` throws).
    public static func scan(_ bytes: [UInt8], _ handler: (Event) throws -> Void) throws {
        var s = WorkbookXMLScanner(bytes: bytes)
        try s.run(handler)
    }

    func fail(_ message: String) -> Failure {
        var line = 1
        for b in bytes[..<min(i, bytes.count)] where b == 10 { line += 1 }
        return Failure(line: line, message: message)
    }

    func starts(with prefix: StaticString, at k: Int) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard k + n <= bytes.count else { return false }
        return prefix.withUTF8Buffer { p in (0..<n).allSatisfy { bytes[k + $0] == p[$0] } }
    }

    /// The index just past `terminator` from `i`, or nil.
    func find(_ terminator: StaticString, from k: Int) -> Int? {
        var j = k
        while j < bytes.count {
            if starts(with: terminator, at: j) { return j + terminator.utf8CodeUnitCount }
            j += 1
        }
        return nil
    }

    mutating func run(_ handler: (Event) throws -> Void) throws {
        if starts(with: "\u{FEFF}", at: 0) { i = 3 }
        var sawRoot = false
        while i < bytes.count {
            if bytes[i] != 60 {  // text up to the next '<'
                var j = i
                while j < bytes.count && bytes[j] != 60 { j += 1 }
                let text = try decoded(bytes[i..<j])
                if !open.isEmpty {
                    if !text.isEmpty { try handler(.text(text)) }
                } else if text.utf8.contains(where: { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 }) {
                    throw fail("text outside the root element")
                }
                i = j
                continue
            }
            if starts(with: "<?", at: i) {
                guard let end = find("?>", from: i + 2) else { throw fail("a processing instruction is never closed") }
                i = end
            } else if starts(with: "<!--", at: i) {
                guard let end = find("-->", from: i + 4) else { throw fail("a comment is never closed") }
                i = end
            } else if starts(with: "<![CDATA[", at: i) {
                guard !open.isEmpty else { throw fail("CDATA outside the root element") }
                guard let end = find("]]>", from: i + 9) else { throw fail("a CDATA section is never closed") }
                try handler(.text(String(decoding: bytes[(i + 9)..<(end - 3)], as: UTF8.self)))
                i = end
            } else if starts(with: "<!", at: i) {
                throw fail("a DTD or declaration, which a workbook part may not have")
            } else if starts(with: "</", at: i) {
                i += 2
                let name = try self.name()
                skipSpace()
                guard i < bytes.count, bytes[i] == 62 else { throw fail("an end tag is not closed with >") }
                i += 1
                guard let top = open.popLast(), top.elementsEqual(name) else {
                    throw fail("an end tag </\(String(decoding: name, as: UTF8.self))> that closes no open element")
                }
                try handler(.end(name: Self.localName(name)))
            } else {
                guard !(open.isEmpty && sawRoot) else { throw fail("a second root element") }
                i += 1
                let name = try self.name()
                var attributes: [String: String] = [:]
                var selfClosing = false
                while true {
                    let hadSpace = skipSpace()
                    guard i < bytes.count else { throw fail("a start tag is never closed") }
                    if bytes[i] == 62 {
                        i += 1
                        break
                    }
                    if bytes[i] == 47 {
                        guard i + 1 < bytes.count, bytes[i + 1] == 62 else { throw fail("'/' inside a start tag") }
                        i += 2
                        selfClosing = true
                        break
                    }
                    guard hadSpace else { throw fail("attributes must be separated by spaces") }
                    let key = String(decoding: try self.name(), as: UTF8.self)
                    skipSpace()
                    guard i < bytes.count, bytes[i] == 61 else { throw fail("attribute \(key) has no value") }
                    i += 1
                    skipSpace()
                    guard i < bytes.count, bytes[i] == 34 || bytes[i] == 39 else {
                        throw fail("attribute \(key): the value is not quoted")
                    }
                    let quote = bytes[i]
                    var j = i + 1
                    while j < bytes.count && bytes[j] != quote {
                        guard bytes[j] != 60 else { throw fail("attribute \(key): '<' inside its value") }
                        j += 1
                    }
                    guard j < bytes.count else { throw fail("attribute \(key): the value is never closed") }
                    let value = try decoded(bytes[(i + 1)..<j])
                    i = j + 1
                    guard attributes.updateValue(value, forKey: key) == nil else {
                        throw fail("attribute \(key) appears twice")
                    }
                }
                sawRoot = true
                try handler(.start(name: Self.localName(name), attributes: attributes))
                if selfClosing {
                    try handler(.end(name: Self.localName(name)))
                } else {
                    guard open.count < Self.maxDepth else { throw fail("elements nested deeper than \(Self.maxDepth)") }
                    open.append(name)
                }
            }
        }
        if let top = open.last { throw fail("element <\(String(decoding: top, as: UTF8.self))> is never closed") }
        guard sawRoot else { throw fail("no root element") }
    }

    /// An element or attribute name: up to whitespace, '/', '>' or '='.
    mutating func name() throws -> ArraySlice<UInt8> {
        let start = i
        while i < bytes.count {
            let b = bytes[i]
            if b == 32 || b == 9 || b == 10 || b == 13 || b == 47 || b == 62 || b == 61 { break }
            guard b != 60 && b != 38 && b != 34 && b != 39 else {
                throw fail("a name holds '\(Character(Unicode.Scalar(b)))'")
            }
            i += 1
        }
        guard i > start else { throw fail("a tag or attribute without a name") }
        return bytes[start..<i]
    }

    @discardableResult
    mutating func skipSpace() -> Bool {
        let start = i
        while i < bytes.count, bytes[i] == 32 || bytes[i] == 9 || bytes[i] == 10 || bytes[i] == 13 { i += 1 }
        return i > start
    }

    static func localName(_ name: ArraySlice<UInt8>) -> Substring {
        let s = Substring(String(decoding: name, as: UTF8.self))
        guard let colon = s.lastIndex(of: ":") else { return s }
        return s[s.index(after: colon)...]
    }

    /// Text with its entity and character references replaced.
    func decoded(_ raw: ArraySlice<UInt8>) throws -> String {
        guard raw.contains(38) else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var k = raw.startIndex
        while k < raw.endIndex {
            guard raw[k] == 38 else {
                out.append(raw[k])
                k += 1
                continue
            }
            guard let semicolon = raw[k...].prefix(12).firstIndex(of: 59) else {
                throw fail("an '&' that starts no reference")
            }
            let ref = String(decoding: raw[(k + 1)..<semicolon], as: UTF8.self)
            let scalar: Unicode.Scalar?
            switch ref {
            case "lt": scalar = "<"
            case "gt": scalar = ">"
            case "amp": scalar = "&"
            case "quot": scalar = "\""
            case "apos": scalar = "'"
            default:
                if ref.hasPrefix("#x"), let v = UInt32(ref.dropFirst(2), radix: 16) {
                    scalar = Self.xmlChar(v)
                } else if ref.hasPrefix("#"), let v = UInt32(ref.dropFirst(), radix: 10) {
                    scalar = Self.xmlChar(v)
                } else {
                    throw fail("unknown reference &\(ref); (a workbook part has no DTD to define it)")
                }
            }
            guard let scalar else { throw fail("&\(ref); is not a character XML allows") }
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
            k = semicolon + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A character XML 1.0 allows (§2.2), or nil.
    static func xmlChar(_ v: UInt32) -> Unicode.Scalar? {
        guard
            v == 0x9 || v == 0xA || v == 0xD || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v)
                || (0x10000...0x10FFFF).contains(v)
        else { return nil }
        return Unicode.Scalar(v)
    }
}
