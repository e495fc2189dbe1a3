import Foundation
import KizashiCore

/// Streams rejected rows to `rejected.csv`: file, line, column, value, reason, then the row as
/// it was read — so a user can fix the rows and import that file again.
final class RejectedRowsWriter: @unchecked Sendable {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private let lock = NSLock()

    init(path: String) throws {
        // 0600: rejected rows hold personal data of contacts.
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
            let h = FileHandle(forWritingAtPath: path)
        else {
            throw ImportFailure(file: path, message: "cannot write the rejected-rows file")
        }
        handle = h
        append(["file", "line", "column", "value", "reason", "record"])
    }

    func write(_ row: ImportReport.RejectedRow) {
        lock.lock()
        defer { lock.unlock() }
        append([row.file, String(row.line), row.column, row.value, row.reason, CSVText.line(row.record)])
        if buffer.count > 1 << 16 { flush() }
    }

    func close() throws {
        lock.lock()
        defer { lock.unlock() }
        flush()
        try handle.close()
    }

    /// Every cell neutralised: the values are what a bad file held, and people open this file
    /// in a spreadsheet to fix them (CSV injection).
    private func append(_ fields: [String]) {
        buffer.append(contentsOf: CSVText.line(fields.map(SpreadsheetCell.neutralised)).utf8)
        buffer.append(10)
    }

    private func flush() {
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}

/// RFC 4180 quoting of one line (no line end).
enum CSVText {
    static func line(_ fields: [String]) -> String {
        fields.map { f in
            if f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || f.first == " "
                || f.last == " "
            {
                return "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return f
        }.joined(separator: ",")
    }
}
