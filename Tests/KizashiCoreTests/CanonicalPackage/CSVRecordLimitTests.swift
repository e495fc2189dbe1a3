import KizashiCore
import Testing

/// Issue 25: an unclosed quote made the tokenizer tokenise the buffered rest of the file again on
/// every chunk (quadratic), and no record had a size limit. These feed the attack and check the
/// outcome and the work done; no timing.
@Suite("CSV tokenizer: record limit and linear work")
struct CSVRecordLimitTests {
    /// Feeds `bytes` in chunks of `chunk`, then finishes; returns the records and the tokenizer.
    func tokenise(_ bytes: [UInt8], chunk: Int, limit: Int = CSVTokenizer.defaultMaxRecordBytes) -> (
        [CSVRecord], CSVTokenizer
    ) {
        var t = CSVTokenizer(maxRecordBytes: limit)
        var out: [CSVRecord] = []
        var i = 0
        while i < bytes.count {
            t.feed(bytes[i..<min(i + chunk, bytes.count)])
            out += t.drain()
            i += chunk
        }
        t.finish()
        out += t.drain()
        return (out, t)
    }

    @Test("a 20 MB unclosed quote fed in 64 KiB chunks: one bad record on line 2, each byte looked at about once")
    func unclosedQuote() {
        let input = Array("id,name\n1,\"".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 20_000_000)
        let (records, t) = tokenise(input, chunk: 64 << 10)
        #expect(records.count == 2)
        #expect(texts(records[0]) == ["id", "name"])
        #expect(records[1].line == 2)
        #expect(records[1].malformed == "the record is longer than 1048576 bytes, the limit on one record")
        #expect(records[1].count == 0)
        // Linear: the first chunk's part of the record is tokenised once and scanned once, every
        // later byte scanned once: about 1.003 × the input. Re-tokenising the held rest on each
        // of the 306 chunks would be about 306 / 2 × 20 MB ≈ 3 × 10⁹ bytes.
        #expect(t.bytesExamined <= 2 * input.count)
    }

    @Test("a record over the limit is one bad record on the line it starts; later lines keep their numbers")
    func overLongRecord() {
        // Record 3 is `2,"` + 150 x + LF + 50 y + `"`: 3 + 150 + 1 + 50 + 1 = 205 bytes over lines 3–4.
        let long = "2,\"" + String(repeating: "x", count: 150) + "\n" + String(repeating: "y", count: 50) + "\""
        let csv = Array(("id,v\n1,a\n" + long + "\r\n3,c\n").utf8)
        let (whole, _) = tokenise(csv, chunk: csv.count, limit: 204)
        #expect(whole.map(\.line) == [1, 2, 3, 5])
        #expect(
            whole.map(\.malformed) == [nil, nil, "the record is longer than 204 bytes, the limit on one record", nil])
        #expect(texts(whole[3]) == ["3", "c"])
        // Every chunk size gives the same records.
        for size in [1, 2, 3, 7, 16, 64, 100, 203, 204, 205, 206] {
            let (r, _) = tokenise(csv, chunk: size, limit: 204)
            #expect(r.map(\.line) == whole.map(\.line), "chunk \(size)")
            #expect(r.map(\.malformed) == whole.map(\.malformed), "chunk \(size)")
            #expect(r.map(texts) == whole.map(texts), "chunk \(size)")
        }
        // At exactly 205 bytes the record is read.
        let (exact, _) = tokenise(csv, chunk: 16, limit: 205)
        #expect(exact.allSatisfy { $0.malformed == nil })
        #expect(texts(exact[2])[1].count == 201)
    }

    @Test("a record over the limit at the end of the file, without a line end, is still reported once")
    func overLongLastRecord() {
        let csv = Array(("a,b\n" + String(repeating: "z", count: 300)).utf8)
        for size in [1, 5, 64, 1000] {
            let (r, _) = tokenise(csv, chunk: size, limit: 100)
            #expect(r.count == 2 && r[1].line == 2 && r[1].malformed != nil, "chunk \(size)")
        }
    }
}
