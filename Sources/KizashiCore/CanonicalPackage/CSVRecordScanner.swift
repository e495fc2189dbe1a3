/// Finds where an unfinished CSV record ends without tokenising it: the quoting state of the
/// record so far, carried from one chunk to the next.
///
/// Why: a record the tokenizer could not finish was tokenised again from its start on every
/// chunk, so one unclosed quote cost the square of the file's size (issue 25). Now the bytes of
/// an unfinished record are scanned once, here, and tokenised once when its end is known. Its
/// rules are the tokenizer's: a quote opens a quoted field only at a field's start, `""` inside
/// one is a quote, CR, LF or CRLF outside quotes end the record.
struct CSVRecordScanner: Sendable {
    enum State: Sendable { case fieldStart, unquoted, quoted }

    var state = State.fieldStart
    /// Line ends seen inside the record so far, plus the one that ends it.
    var lines = 0

    /// Scans `buf[from...]`. Returns the index just past the record's line end (or `buf.count`
    /// when `finished` and the record runs to the end), or nil with `stop` where scanning stopped:
    /// a CR or quote whose meaning depends on the next byte is left for the next chunk.
    mutating func scan(_ buf: UnsafeBufferPointer<UInt8>, from: Int, finished: Bool) -> (end: Int?, stop: Int) {
        let n = buf.count
        var j = from
        while j < n {
            let c = buf[j]
            switch state {
            case .quoted:
                if c == 34 {
                    if j + 1 < n {
                        if buf[j + 1] == 34 { j += 2 } else { state = .unquoted; j += 1 }
                    } else if finished {
                        state = .unquoted
                        j += 1
                    } else {
                        return (nil, j)
                    }
                } else if c == 10 {
                    lines += 1
                    j += 1
                } else if c == 13 {
                    if j + 1 < n {
                        if buf[j + 1] != 10 { lines += 1 }
                        j += 1
                    } else if finished {
                        lines += 1
                        j += 1
                    } else {
                        return (nil, j)
                    }
                } else {
                    j += 1
                }
            case .fieldStart, .unquoted:
                if c == 44 {
                    state = .fieldStart
                    j += 1
                } else if c == 10 {
                    lines += 1
                    return (j + 1, j + 1)
                } else if c == 13 {
                    if j + 1 < n {
                        lines += 1
                        let end = j + (buf[j + 1] == 10 ? 2 : 1)
                        return (end, end)
                    } else if finished {
                        lines += 1
                        return (j + 1, j + 1)
                    } else {
                        return (nil, j)
                    }
                } else {
                    state = c == 34 && state == .fieldStart ? .quoted : .unquoted
                    j += 1
                }
            }
        }
        return finished ? (n, n) : (nil, n)
    }
}
