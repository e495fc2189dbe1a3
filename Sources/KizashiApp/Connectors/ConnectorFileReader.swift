import Foundation
import KizashiCore

/// Streams a headerless or headed CSV file record by record in 1 MB chunks (bounded memory: the
/// NTA national file has ~5.7 M rows), decoding each record in the detected or given encoding.
/// A record longer than `maxRecordBytes` is a bad record on its line.
enum ConnectorFileReader {
    static func read(
        path: String, encoding forced: SourceEncoding?, maxRecordBytes: Int = CSVTokenizer.defaultMaxRecordBytes,
        onRecord: (_ fields: [String], _ line: Int) throws -> Void,
        onBadRecord: (_ line: Int, _ reason: String) -> Void
    ) throws -> SourceEncoding {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ImportFailure(file: path, message: "cannot open the file")
        }
        defer { try? handle.close() }
        var tokenizer = CSVTokenizer(maxRecordBytes: maxRecordBytes)
        var encoding = forced
        func consume(_ records: [CSVRecord]) throws {
            for r in records {
                if let m = r.malformed {
                    onBadRecord(r.line, m)
                    continue
                }
                do {
                    try onRecord(try r.decodedFields(encoding: encoding ?? .utf8), r.line)
                } catch let e as SourceEncoding.DecodingError {
                    onBadRecord(r.line, e.description)
                }
            }
        }
        while true {
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { break }
            if encoding == nil { encoding = SourceEncoding.detect(prefix: Array(chunk.prefix(64 * 1024))) }
            tokenizer.feed(chunk)
            try consume(tokenizer.drain())
        }
        tokenizer.finish()
        try consume(tokenizer.drain())
        return encoding ?? .utf8
    }
}

/// What a connector import did, for the summary a user reads.
public struct ConnectorReport: Sendable {
    public var source: String
    public var files: [String] = []
    public var encoding = ""
    public var rowsRead = 0
    /// Rows that became (or updated) canonical records.
    public var mapped = 0
    /// Rows deliberately not used, by reason ("per-metro row", "no company with domain x.com", …), with counts.
    public var skipped: [String: Int] = [:]
    public var rejected: [ConnectorRowProblem] = []
    public var notes: [String] = []
    public var dryRun = false
    public init(source: String) { self.source = source }

    public func render() -> String {
        var lines = [
            "\(source): \(files.joined(separator: ", ")) (\(encoding))", "  rows read \(rowsRead), mapped \(mapped)",
        ]
        for (k, v) in skipped.sorted(by: { $0.value > $1.value }).prefix(10) { lines.append("  skipped \(v): \(k)") }
        if !rejected.isEmpty {
            lines.append("  rejected \(rejected.count):")
            for r in rejected.prefix(10) { lines.append("    line \(r.line) [\(r.column)] \(r.reason)") }
        }
        for n in notes.prefix(20) { lines.append("  \(n)") }
        lines.append(dryRun ? "Dry run: nothing was written." : "Written in one transaction.")
        return lines.joined(separator: "\n")
    }
}
