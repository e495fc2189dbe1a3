/// A streaming RFC 4180 tokenizer over bytes (data-format.md §Files).
///
/// Tokenising bytes, not characters, is safe for Shift_JIS too: its trail bytes are ≥ 0x40 and
/// never `"`, `,`, CR or LF. Feed chunks in order; `drain()` returns the records completed so far.
///
/// Bounded and linear on any input: a record longer than `maxRecordBytes` (its bytes without
/// the line end) comes out as one malformed record on the line it starts, with no fields, and
/// its bytes are skipped as they arrive, so memory stays near one chunk plus the limit. A record
/// that does not end in the bytes fed so far is scanned once (`CSVRecordScanner`), not
/// tokenised again on every chunk.
public struct CSVTokenizer: Sendable {
    /// 1 MiB: a canonical row is well under 1 KB; a spreadsheet cell holds at most 32,767 characters.
    public static let defaultMaxRecordBytes = 1 << 20

    public let maxRecordBytes: Int
    private var pending: [UInt8] = []
    private var finished = false
    private var nextLine = 1
    private var atStart = true
    /// The record at the start of `pending` that has not ended yet: scanned up to `scanned`; when
    /// `skipping`, it was already reported as too long and its bytes are dropped as they come.
    private var partial: (scanner: CSVRecordScanner, scanned: Int, skipping: Bool)?
    /// Bytes looked at so far (each tokenising pass and each scan): linear in the input, which the
    /// tests check.
    public private(set) var bytesExamined = 0

    public init(maxRecordBytes: Int = CSVTokenizer.defaultMaxRecordBytes) {
        self.maxRecordBytes = max(1, maxRecordBytes)
    }

    /// The reason given for a record over the limit.
    public var tooLongReason: String { "the record is longer than \(maxRecordBytes) bytes, the limit on one record" }

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
        if partial != nil {
            if let tooLong = resumePartial() { return [tooLong] }
            if partial != nil { return [] }
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
                var contentEnd = n
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
                        contentEnd = j
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
                bytesExamined += j - i
                if !complete {
                    guard finished, j >= n else {
                        // Wait for more bytes: forget this record's partial fields; the next
                        // drain scans on from here instead of tokenising it again.
                        bytes.removeSubrange(bytesStart...)
                        ends.removeSubrange(endsStart...)
                        partial = (CSVRecordScanner(), 0, false)
                        break
                    }
                    if inQuotes { malformed = malformed ?? "a quoted field is never closed" }
                    ends.append(bytes.count)
                }
                if contentEnd - i > maxRecordBytes {
                    bytes.removeSubrange(bytesStart...)
                    ends.removeSubrange(endsStart...)
                    malformed = tooLongReason
                }
                spans.append((startLine, bytesStart..<bytes.count, endsStart..<ends.count, malformed))
                nextLine += lines
                i = j
                consumed = i
            }
        }
        if consumed > 0 { pending.removeFirst(consumed) }
        if partial != nil, let tooLong = resumePartial() {
            // Longer than the limit already: reported now, its bytes dropped from here on.
            spans.append((tooLong.line, bytes.count..<bytes.count, ends.count..<ends.count, tooLong.malformed))
        }
        return spans.map { s in
            CSVRecord(line: s.line, bytes: bytes[s.bytes], ends: ends[s.ends], malformed: s.malformed)
        }
    }

    /// Scans on through the unfinished record at the start of `pending`. Returns the record to
    /// report when it has just grown past the limit; clears `partial` when it ended (a skipped
    /// record's bytes are then dropped, a kept one is left for tokenising).
    private mutating func resumePartial() -> CSVRecord? {
        guard var p = partial else { return nil }
        let from = p.scanned
        let (end, stop) = pending.withUnsafeBufferPointer { p.scanner.scan($0, from: from, finished: finished) }
        bytesExamined += (end ?? stop) - from
        if let end {
            partial = nil
            if p.skipping {
                pending.removeFirst(end)
                nextLine += p.scanner.lines
            }
            return nil
        }
        if p.skipping || stop > maxRecordBytes {
            let report = !p.skipping
            pending.removeFirst(stop)
            partial = (p.scanner, 0, true)
            return report ? CSVRecord(line: nextLine, fields: [], malformed: tooLongReason) : nil
        }
        p.scanned = stop
        partial = p
        return nil
    }
}
