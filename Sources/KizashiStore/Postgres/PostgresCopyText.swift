import KizashiCore
import PostgresNIO

/// Rows in the text format of `COPY … FROM STDIN`: tab-separated, `\N` for null, backslash escapes.
enum PostgresCopyText {
    static func append(_ row: [StoredValue], to buffer: inout ByteBuffer) {
        for (i, value) in row.enumerated() {
            if i > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
            switch value {
            case .null: buffer.writeStaticString("\\N")
            case .integer(let n): buffer.writeString(String(n))
            // Swift prints the shortest text that reads back as the same double; PostgreSQL reads it exactly.
            case .float(let d): buffer.writeString(d.description)
            case .text(let s): appendEscaped(s, to: &buffer)
            case .blob(let b):
                buffer.writeStaticString("\\\\x")
                for byte in b {
                    buffer.writeInteger(hex[Int(byte >> 4)])
                    buffer.writeInteger(hex[Int(byte & 0xF)])
                }
            }
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    static func appendEscaped(_ s: String, to buffer: inout ByteBuffer) {
        var s = s
        s.withUTF8 { bytes in
            var needsEscape = false
            for b in bytes where b == 0x5C || b == 0x09 || b == 0x0A || b == 0x0D {
                needsEscape = true
                break
            }
            if !needsEscape {
                buffer.writeBytes(bytes)
                return
            }
            for b in bytes {
                switch b {
                case 0x5C: buffer.writeStaticString("\\\\")
                case 0x09: buffer.writeStaticString("\\t")
                case 0x0A: buffer.writeStaticString("\\n")
                case 0x0D: buffer.writeStaticString("\\r")
                default: buffer.writeInteger(b)
                }
            }
        }
    }
}

/// One row written straight into a COPY text buffer, with no `[StoredValue]` in between (the
/// activities of a first load: two million rows at medium scale, each an array and its strings).
struct PostgresCopyRow: StoredRowSink {
    var buffer: ByteBuffer
    private var columns = 0

    init(buffer: ByteBuffer) { self.buffer = buffer }

    private mutating func separate() {
        if columns > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
        columns += 1
    }

    mutating func text(_ s: String?) {
        separate()
        if let s { PostgresCopyText.appendEscaped(s, to: &buffer) } else { buffer.writeStaticString("\\N") }
    }

    mutating func integer(_ n: Int64) {
        separate()
        buffer.writeString(String(n))
    }

    mutating func day(_ d: Day?) { text(d?.description) }

    /// Ends the row (a newline); the next value starts the next row.
    mutating func endRow() {
        buffer.writeInteger(UInt8(ascii: "\n"))
        columns = 0
    }
}
