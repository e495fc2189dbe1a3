import Foundation
import KizashiCore

/// A row of a canonical file, parsed, with where it came from.
struct ParsedCanonicalRow {
    var line: Int
    var record: CSVRecord
    var encoding: SourceEncoding
    var value: CanonicalRecord
    /// The row as text — decoded only when a row is rejected (rejected.csv), never for good rows.
    var fields: [String] { (try? record.decodedFields(encoding: encoding)) ?? [] }
}

/// A row that breaks a rule of data-format.md.
struct RejectedCanonicalRow {
    var line: Int
    var column: String
    var value: String
    var reason: String
    var fields: [String]
}

enum CanonicalRowOutcome {
    case record(ParsedCanonicalRow)
    case rejected(RejectedCanonicalRow)
}

/// Streams one canonical CSV file through the Core parser: chunked reads, encoding detection,
/// header binding, row parsing. The only place the import pipeline touches file bytes.
enum CanonicalFileReader {
    static func read(
        path: String, entity: CanonicalEntity, encoding forced: SourceEncoding?, timeZone: WorkspaceTimeZone,
        chunkSize: Int,
        onHeader: (SourceEncoding, [String], [(header: String, column: String?)]) -> Void,
        onRow: (CanonicalRowOutcome) -> Void,
        onChunk: (Int64) -> Void,
        flushIfNeeded: () async throws -> Void
    ) async throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ImportFailure(file: path, message: "cannot open the file")
        }
        defer { try? handle.close() }
        let fileName = (path as NSString).lastPathComponent
        var tokenizer = CSVTokenizer()
        var encoding: SourceEncoding? = forced
        var parser: CanonicalRowParser?
        var bytesRead: Int64 = 0

        func consume(_ records: [CSVRecord]) throws {
            for record in records {
                guard let enc = encoding else { continue }
                if parser == nil {
                    // The first record is the header.
                    let header = try record.decodedFields(encoding: enc)
                    do {
                        let p = try CanonicalRowParser(entity: entity, header: header, timeZone: timeZone)
                        parser = p
                        onHeader(enc, p.unknownColumns.map { "unknown column \"\($0)\" ignored" }, p.mapping)
                    } catch let e as CanonicalHeaderError {
                        throw ImportFailure(file: path, message: e.description)
                    }
                    continue
                }
                switch parser!.parse(record, encoding: enc) {
                case .success(let value):
                    onRow(.record(ParsedCanonicalRow(line: record.line, record: record, encoding: enc, value: value)))
                case .failure(let issue):
                    onRow(
                        .rejected(
                            RejectedCanonicalRow(
                                line: issue.line, column: issue.column, value: issue.value, reason: issue.reason,
                                fields: (try? record.decodedFields(encoding: enc)) ?? [])))
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
