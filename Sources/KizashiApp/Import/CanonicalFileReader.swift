import Foundation
import KizashiCore

/// A row that breaks a rule of data-format.md.
struct RejectedCanonicalRow {
    var line: Int
    var column: String
    var value: String
    var reason: String
    var fields: [String]
}

/// Streams one canonical CSV file through the Core parser: chunked reads, encoding detection,
/// header binding, row parsing. The only place the import pipeline touches file bytes.
///
/// A good row reaches `onRecord` as its value, its line and a way to get its fields as text
/// (only a row rejected later, for an unknown reference, needs them). Why not one value holding
/// the row's bytes too: copying and releasing that per row was a tenth of the parsing thread (perf).
enum CanonicalFileReader {
    static func read(
        path: String, entity: CanonicalEntity, encoding forced: SourceEncoding?, timeZone: WorkspaceTimeZone,
        chunkSize: Int, maxRecordBytes: Int = CSVTokenizer.defaultMaxRecordBytes,
        onHeader: (SourceEncoding, [String], [(header: String, column: String?)]) -> Void,
        onRecord: (_ value: CanonicalRecord, _ line: Int, _ fields: () -> [String]) -> Void,
        onRejected: (RejectedCanonicalRow) -> Void,
        onChunk: (Int64) -> Void,
        flushIfNeeded: () async throws -> Void
    ) async throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ImportFailure(file: path, message: "cannot open the file")
        }
        defer { try? handle.close() }
        let fileName = (path as NSString).lastPathComponent
        var tokenizer = CSVTokenizer(maxRecordBytes: maxRecordBytes)
        var encoding: SourceEncoding? = forced
        var parser: CanonicalRowParser?
        var bytesRead: Int64 = 0

        func consume(_ records: [CSVRecord]) throws {
            guard let enc = encoding else { return }
            var rows = records[...]
            if parser == nil {
                // The first record is the header.
                guard let first = rows.popFirst() else { return }
                if let m = first.malformed {
                    throw ImportFailure(file: path, message: "line \(first.line): the header row is malformed: \(m)")
                }
                let header = try first.decodedFields(encoding: enc)
                do {
                    let p = try CanonicalRowParser(entity: entity, header: header, timeZone: timeZone)
                    parser = p
                    onHeader(enc, p.unknownColumns.map { "unknown column \"\($0)\" ignored" }, p.mapping)
                } catch let e as CanonicalHeaderError {
                    throw ImportFailure(file: path, message: e.description)
                }
            }
            // Unwrapped once per chunk, not per row (a copy of the parser per row, perf).
            guard let p = parser else { return }
            for record in rows {
                switch p.parse(record, encoding: enc) {
                case .success(let value):
                    onRecord(value, record.line) { (try? record.decodedFields(encoding: enc)) ?? [] }
                case .failure(let issue):
                    onRejected(
                        RejectedCanonicalRow(
                            line: issue.line, column: issue.column, value: issue.value, reason: issue.reason,
                            fields: (try? record.decodedFields(encoding: enc)) ?? []))
                }
            }
        }

        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: chunkSize) ?? Data()
            } catch {
                throw ImportFailure(file: path, message: "read error: \(error)")
            }
            if chunk.isEmpty { break }
            let bytes = [UInt8](chunk)
            if encoding == nil { encoding = SourceEncoding.detect(prefix: bytes) }
            bytesRead += Int64(bytes.count)
            tokenizer.feed(bytes)
            try consume(tokenizer.drain())
            onChunk(bytesRead)
            try await flushIfNeeded()
        }
        tokenizer.finish()
        try consume(tokenizer.drain())
        if parser == nil {
            throw ImportFailure(file: path, message: "\(fileName) is empty: a header row is required")
        }
        try await flushIfNeeded()
    }
}
