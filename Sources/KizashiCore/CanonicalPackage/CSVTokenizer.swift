/// One CSV record: its fields as raw bytes and the physical line it starts on (1-based).
///
/// The fields of every record of one `drain()` share two buffers (their bytes, and where each
/// field ends); a record holds slices of them. Why: an array per field cost nine allocations per
/// activity row, the largest part of parsing a large import.
public struct CSVRecord: Sendable {
    public var line: Int
    /// The fields' bytes back to back (quotes removed, doubled quotes undone).
    let bytes: ArraySlice<UInt8>
    /// The absolute index in `bytes`' base where each field ends.
    let ends: ArraySlice<Int>
    /// Set when the quoting of this record is malformed; the fields are then unreliable.
    public var malformed: String?

    public init(line: Int, fields: [[UInt8]], malformed: String? = nil) {
        var b: [UInt8] = []
        var e: [Int] = []
        for f in fields {
            b.append(contentsOf: f)
            e.append(b.count)
        }
        self.init(line: line, bytes: b[...], ends: e[...], malformed: malformed)
    }

    init(line: Int, bytes: ArraySlice<UInt8>, ends: ArraySlice<Int>, malformed: String?) {
        self.line = line
        self.bytes = bytes
        self.ends = ends
        self.malformed = malformed
    }

    /// How many fields the record has.
    public var count: Int { ends.count }

    /// The bytes of field `i` (0-based).
    public subscript(field i: Int) -> ArraySlice<UInt8> {
        let k = ends.startIndex + i
        let start = i == 0 ? bytes.startIndex : ends[k - 1]
        return bytes[start..<ends[k]]
    }

    /// Calls `body` with the fields' bytes, read in place, each field's end as an index in the
    /// tokenizer's buffer (`ends`), and the index there of the first byte (`origin`).
    func withUnsafeFields<R>(
        _ body: (_ bytes: UnsafeBufferPointer<UInt8>, _ ends: UnsafeBufferPointer<Int>, _ origin: Int) -> R
    ) -> R {
        bytes.withUnsafeBufferPointer { b in ends.withUnsafeBufferPointer { e in body(b, e, bytes.startIndex) } }
    }

    /// Every field as its own array (for the small files: headers, IP ranges, connectors).
    public var fields: [[UInt8]] { (0..<count).map { Array(self[field: $0]) } }

    /// Fields decoded as text (trimmed by the row parser, not here).
    public func decodedFields(encoding: SourceEncoding) throws -> [String] {
        try (0..<count).map { try encoding.decode(self[field: $0]) }
    }
}

/// A streaming RFC 4180 tokenizer over bytes (data-format.md §Files).
///
/// Tokenising bytes, not characters, is safe for Shift_JIS too: its trail bytes are ≥ 0x40 and
/// never `"`, `,`, CR or LF. Feed chunks in order; `drain()` returns the records completed so far.
public struct CSVTokenizer: Sendable {
    private var pending: [UInt8] = []
    private var finished = false
    private var nextLine = 1
    private var atStart = true

    public init() {}

    public mutating func feed(_ bytes: some Collection<UInt8>) { pending.append(contentsOf: bytes) }

    public mutating func finish() { finished = true }

    /// Completed records; with `finish()` called, also the last record without a line end.
    public mutating func drain() -> [CSVRecord] {
        var i = 0
        if atStart {
            if pending.count < 3 && !finished { return [] }
            if pending.count >= 3 && pending[0] == 0xEF && pending[1] == 0xBB && pending[2] == 0xBF { i = 3 }
            atStart = false
        }
        let n = pending.count
        var consumed = i
        // Every record's fields go into these two buffers; the records are made once they are
        // complete (a record holding a slice while the buffer still grew would copy it each time).
        var bytes: [UInt8] = []
        bytes.reserveCapacity(n)
        var ends: [Int] = []
        var spans: [(line: Int, bytes: Range<Int>, ends: Range<Int>, malformed: String?)] = []
        pending.withUnsafeBufferPointer { buf in
            while i < n {
                // Blank lines are skipped.
                if buf[i] == 10 { nextLine += 1; i += 1; consumed = i; continue }
                if buf[i] == 13 {
                    if i + 1 < n { i += buf[i + 1] == 10 ? 2 : 1; nextLine += 1; consumed = i; continue }
                    if finished { i += 1; nextLine += 1; consumed = i; continue }
                    break
                }
                let startLine = nextLine
                let bytesStart = bytes.count
                let endsStart = ends.count
                var malformed: String?
                var lines = 0
                var j = i
                var complete = false
                var fieldStart = true
                var inQuotes = false
                var afterQuote = false
                while j < n {
                    let c = buf[j]
                    if inQuotes {
                        if c == 34 {
                            if j + 1 < n {
                                if buf[j + 1] == 34 { bytes.append(34); j += 2; continue }
                                inQuotes = false; afterQuote = true; j += 1; continue
                            }
                            if finished { inQuotes = false; afterQuote = true; j += 1; continue }
                            break  // need the next byte to decide
                        }
                        // The run up to the next quote is copied at once, not byte by byte.
                        var k = j
                        while k < n && buf[k] != 34 {
                            let b = buf[k]
                            if b == 10 { lines += 1 } else if b == 13 && !(k + 1 < n && buf[k + 1] == 10) { lines += 1 }
                            k += 1
                        }
                        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[j..<k]))
                        j = k
                        continue
                    }
                    if c == 44 {
                        ends.append(bytes.count); fieldStart = true; afterQuote = false; j += 1; continue
                    }
                    if c == 10 || c == 13 {
                        if c == 13 {
                            if j + 1 < n { j += buf[j + 1] == 10 ? 2 : 1 } else if finished { j += 1 } else { break }
                        } else {
                            j += 1
                        }
                        ends.append(bytes.count)
                        lines += 1
                        complete = true
                        break
                    }
                    if c == 34 && fieldStart {
                        inQuotes = true; fieldStart = false; j += 1; continue
                    }
                    if c != 34 && !afterQuote {
                        // An ordinary run: copied up to the next comma, line end or quote.
                        var k = j + 1
                        while k < n {
                            let b = buf[k]
                            if b == 44 || b == 10 || b == 13 || b == 34 { break }
                            k += 1
                        }
                        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[j..<k]))
                        fieldStart = false
                        j = k
                        continue
                    }
                    if afterQuote && c != 32 && c != 9 && malformed == nil {
                        malformed = "text after a closing quote"
                    }
                    if c == 34 && malformed == nil { malformed = "a quote inside an unquoted field" }
                    if !afterQuote { bytes.append(c) }
                    fieldStart = false
                    j += 1
                }
                if !complete {
                    guard finished, j >= n else {
                        // Wait for more bytes: forget this record's partial fields.
                        bytes.removeSubrange(bytesStart...)
                        ends.removeSubrange(endsStart...)
                        break
                    }
                    if inQuotes { malformed = malformed ?? "a quoted field is never closed" }
                    ends.append(bytes.count)
                }
                spans.append((startLine, bytesStart..<bytes.count, endsStart..<ends.count, malformed))
                nextLine += lines
                i = j
                consumed = i
            }
        }
        if consumed > 0 { pending.removeFirst(consumed) }
        return spans.map { s in
            CSVRecord(line: s.line, bytes: bytes[s.bytes], ends: ends[s.ends], malformed: s.malformed)
        }
    }
}
