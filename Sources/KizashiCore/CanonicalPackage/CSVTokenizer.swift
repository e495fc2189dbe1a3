/// One CSV record: its fields as raw bytes and the physical line it starts on (1-based).
public struct CSVRecord: Sendable {
    public var line: Int
    public var fields: [[UInt8]]
    /// Set when the quoting of this record is malformed; the fields are then unreliable.
    public var malformed: String?

    /// Fields decoded as text (trimmed by the row parser, not here).
    public func decodedFields(encoding: SourceEncoding) throws -> [String] {
        try fields.map { try encoding.decode($0) }
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
        var out: [CSVRecord] = []
        var i = 0
        if atStart {
            if pending.count < 3 && !finished { return out }
            if pending.count >= 3 && pending[0] == 0xEF && pending[1] == 0xBB && pending[2] == 0xBF { i = 3 }
            atStart = false
        }
        let n = pending.count
        var consumed = i
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
                var fields: [[UInt8]] = []
                var field: [UInt8] = []
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
                                if buf[j + 1] == 34 { field.append(34); j += 2; continue }
                                inQuotes = false; afterQuote = true; j += 1; continue
                            }
                            if finished { inQuotes = false; afterQuote = true; j += 1; continue }
                            break  // need the next byte to decide
                        }
                        if c == 10 { lines += 1 } else if c == 13 && !(j + 1 < n && buf[j + 1] == 10) { lines += 1 }
                        field.append(c)
                        j += 1
                        continue
                    }
                    if c == 44 {
                        fields.append(field); field = []; fieldStart = true; afterQuote = false; j += 1; continue
                    }
                    if c == 10 || c == 13 {
                        if c == 13 {
                            if j + 1 < n { j += buf[j + 1] == 10 ? 2 : 1 } else if finished { j += 1 } else { break }
                        } else {
                            j += 1
                        }
                        fields.append(field)
                        lines += 1
                        complete = true
                        break
                    }
                    if c == 34 && fieldStart {
                        inQuotes = true; fieldStart = false; j += 1; continue
                    }
                    if afterQuote && c != 32 && c != 9 && malformed == nil {
                        malformed = "text after a closing quote"
                    }
                    if c == 34 && malformed == nil { malformed = "a quote inside an unquoted field" }
                    if !afterQuote { field.append(c) }
                    fieldStart = false
                    j += 1
                }
                if !complete {
                    guard finished, j >= n else { break }  // wait for more bytes
                    if inQuotes { malformed = malformed ?? "a quoted field is never closed" }
                    fields.append(field)
                }
                out.append(CSVRecord(line: startLine, fields: fields, malformed: malformed))
                nextLine += lines
                i = j
                consumed = i
            }
        }
        if consumed > 0 { pending.removeFirst(consumed) }
        return out
    }
}
