import KizashiCore

/// CSV-shaped inputs: the canonical package, the encodings, and the connector files that go
/// through the same tokenizer (Bombora, the NTA 法人番号 file).
enum CSVFuzzing {
    /// Tokenises `bytes` whole and in chunks of `chunk`, with the record limit `limit`; the two
    /// must give the same records (lines, fields, malformed reasons) — streaming may not change
    /// what a file means.
    static func records(_ bytes: ArraySlice<UInt8>, chunk: Int, limit: Int) -> [CSVRecord] {
        var whole = CSVTokenizer(maxRecordBytes: limit)
        whole.feed(bytes)
        whole.finish()
        let expected = whole.drain()
        var chunked = CSVTokenizer(maxRecordBytes: limit)
        var got: [CSVRecord] = []
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let end = min(i + chunk, bytes.endIndex)
            chunked.feed(bytes[i..<end])
            got += chunked.drain()
            i = end
        }
        chunked.finish()
        got += chunked.drain()
        precondition(got.count == expected.count, "chunking changed the number of records")
        for (a, b) in zip(got, expected) {
            precondition(
                a.line == b.line && a.malformed == b.malformed && a.fields == b.fields, "chunking changed a record")
        }
        // Linear work: each byte is looked at a bounded number of times (3 passes at most).
        precondition(chunked.bytesExamined <= 4 * bytes.count + 64, "tokenising is not linear")
        return expected
    }

    /// First byte: entity; second: chunk size (1–64); third: record limit (16–4,096 bytes).
    static func canonical(_ bytes: [UInt8]) {
        guard bytes.count >= 3 else { return }
        let entities = CanonicalEntity.allCases
        let entity = entities[Int(bytes[0]) % entities.count]
        let chunk = Int(bytes[1] % 64) + 1
        let limit = 16 << (Int(bytes[2]) % 9)
        let body = bytes[3...]
        let encoding = SourceEncoding.detect(prefix: Array(body.prefix(64 << 10)))
        let rs = records(body, chunk: chunk, limit: limit)
        guard let first = rs.first, first.malformed == nil, let header = try? first.decodedFields(encoding: encoding),
            let parser = try? CanonicalRowParser(entity: entity, header: header, timeZone: .tokyo)
        else { return }
        for r in rs.dropFirst() { _ = parser.parse(r, encoding: encoding) }
    }

    /// Detection, and decoding as both encodings: an error or a string, never a trap.
    static func encodings(_ bytes: [UInt8]) {
        let detected = SourceEncoding.detect(prefix: bytes)
        let utf8 = try? SourceEncoding.utf8.decode(bytes)
        _ = try? SourceEncoding.shiftJIS.decode(bytes)
        // Whatever decodes as UTF-8 is detected as UTF-8.
        if utf8 != nil { precondition(detected == .utf8, "valid UTF-8 detected as Shift_JIS") }
        for r in records(bytes[...], chunk: 7, limit: 1 << 20) { _ = try? r.decodedFields(encoding: detected) }
    }

    /// The decoded fields of every well-formed record, as `ConnectorFileReader` hands them on.
    static func connectorRows(_ bytes: [UInt8]) -> [(fields: [String], line: Int)] {
        let encoding = SourceEncoding.detect(prefix: Array(bytes.prefix(64 << 10)))
        return records(bytes[...], chunk: 13, limit: 1 << 20).compactMap { r in
            guard r.malformed == nil, let f = try? r.decodedFields(encoding: encoding) else { return nil }
            return (f, r.line)
        }
    }

    /// A Bombora Company Surge file; its first line also stands for the file name (the week
    /// is read from an uploaded file's name).
    static func bombora(_ bytes: [UInt8]) {
        let rows = connectorRows(bytes)
        if let name = rows.first?.fields.first { _ = BomboraSurge.date(fromFileName: name) }
        for (fields, line) in rows {
            _ = BomboraSurge.layout(width: fields.count)
            _ = BomboraSurge.parse(fields, line: line)
        }
    }

    /// The NTA 法人番号 file: each record parsed and applied to a company.
    static func nta(_ bytes: [UInt8]) {
        for (fields, line) in connectorRows(bytes) {
            guard case .success(let record) = NTACorporateMaster.parse(fields, line: line) else { continue }
            _ = NTACorporateMaster.apply(record, to: Company(id: "C1", name: "株式会社テスト"), basis: .corporateNumber)
            _ = NTACorporateMaster.nameKey(name: record.name, prefecture: record.prefecture)
        }
    }
}
