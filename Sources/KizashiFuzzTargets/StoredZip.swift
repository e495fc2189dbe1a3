/// A zip of stored (uncompressed) entries with correct CRC-32s, for the fuzz targets: a mutated
/// XML part wrapped in it reaches the workbook's XML parsers instead of failing the zip's checks.
enum StoredZip {
    static let crcTable: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    static func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
    static func le32(_ v: UInt32) -> [UInt8] { le16(Int(v & 0xFFFF)) + le16(Int(v >> 16)) }

    static func build(_ entries: [(name: String, data: [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for (name, data) in entries {
            let n = Array(name.utf8), crc = crc32(data), size = UInt32(data.count), offset = UInt32(out.count)
            out += le32(0x0403_4B50) + le16(20) + le16(0x800) + le16(0) + le16(0) + le16(0x21) + le32(crc)
            out += le32(size) + le32(size) + le16(n.count) + le16(0) + n + data
            central += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0x800) + le16(0) + le16(0) + le16(0x21)
            central += le32(crc) + le32(size) + le32(size) + le16(n.count) + le16(0) + le16(0) + le16(0) + le16(0)
            central += le32(0) + le32(offset) + n
        }
        let directory = UInt32(out.count)
        out += central
        out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(entries.count) + le16(entries.count)
        out += le32(UInt32(central.count)) + le32(directory) + le16(0)
        return out
    }

    /// A one-sheet workbook whose worksheet part is `sheet`.
    static func build(wrapping sheet: [UInt8]) -> [UInt8] {
        let workbook = #"<workbook xmlns:r="r"><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>"#
        let rels = #"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#
        let styles =
            #"<styleSheet><numFmts><numFmt numFmtId="164" formatCode="yyyy/m/d h:mm"/></numFmts>"#
            + #"<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>"#
        let shared = "<sst><si><t>a</t></si><si><r><t>b</t></r><rPh><t>ビ</t></rPh></si><si><t>会社</t></si></sst>"
        return build([
            ("xl/workbook.xml", Array(workbook.utf8)), ("xl/_rels/workbook.xml.rels", Array(rels.utf8)),
            ("xl/styles.xml", Array(styles.utf8)), ("xl/sharedStrings.xml", Array(shared.utf8)),
            ("xl/worksheets/sheet1.xml", sheet),
        ])
    }
}
