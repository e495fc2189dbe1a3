import Foundation
import KizashiCore
import KizashiStore

/// The audit log as CSV for a spreadsheet: every text cell goes through
/// `SpreadsheetCell.neutralised`, because the e-mail of a failed login is whatever an attacker
/// typed (`=HYPERLINK(…)` included).
public enum AuditLogCSV {
    public static let header = "id,at_utc,actor,action,target,client_address,detail\n"

    public static func rows(_ entries: [AuditEntry]) -> String {
        var out = ""
        for e in entries {
            let cells = [
                String(e.id), isoUTC(e.at), e.actor, e.action, e.target ?? "", e.clientAddress ?? "", e.detail ?? "",
            ]
            out +=
                cells.enumerated().map { i, c in field(i < 2 ? c : SpreadsheetCell.neutralised(c)) }
                .joined(separator: ",") + "\n"
        }
        return out
    }

    /// RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled.
    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `2026-09-30T03:00:00.000Z`.
    public static func isoUTC(_ i: Instant) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: Date(timeIntervalSince1970: Double(i.millisecondsSinceEpoch) / 1000))
    }
}
