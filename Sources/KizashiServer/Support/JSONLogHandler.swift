import Foundation
import KizashiCore
import Logging

/// Log lines as JSON objects, one per line, for log collectors (`kizashi serve --log-format json`):
/// time, level, logger, message and every metadata key — the request id (`hb.request.id`) among
/// them, so one request's lines can be found together.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let label: String
    let write: @Sendable (String) -> Void

    public init(label: String, write: @escaping @Sendable (String) -> Void = JSONLogHandler.standardError) {
        self.label = label
        self.write = write
    }

    public static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data(line.utf8))
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        var fields: [(String, JSONValue)] = [
            (
                "ts",
                .string(
                    ISO8601DateFormatter.string(
                        from: Date(), timeZone: .gmt, formatOptions: [.withInternetDateTime, .withFractionalSeconds]))
            ),
            ("level", .string(event.level.rawValue)), ("logger", .string(label)),
            ("message", .string(event.message.description)),
        ]
        for key in merged.keys.sorted() { fields.append((key, Self.json(merged[key]!))) }
        write(JSONValue.object(fields).serialized() + "\n")
    }

    static func json(_ value: Logger.Metadata.Value) -> JSONValue {
        switch value {
        case .string(let s): .string(s)
        case .stringConvertible(let c): .string(c.description)
        case .array(let a): .array(a.map(json))
        case .dictionary(let d): .object(d.keys.sorted().map { ($0, json(d[$0]!)) })
        }
    }
}
