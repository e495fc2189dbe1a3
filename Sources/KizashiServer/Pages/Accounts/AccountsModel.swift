import Hummingbird
import KizashiCore

/// The accounts page without HTML: the query, one page of rows and the totals.
struct AccountsModel: Sendable {
    static let pageSize = 50
    var query: AccountListQuery
    var asOf: Day
    var rows: [AccountListRow]
    var total: Int
    var page: Int
    var pageCount: Int { max(1, (total + Self.pageSize - 1) / Self.pageSize) }

    init(list: AccountList, query: AccountListQuery, page: Int) {
        self.query = query
        asOf = list.asOf
        let all = list.query(query)
        total = all.count
        let p = min(max(page, 1), max(1, (all.count + Self.pageSize - 1) / Self.pageSize))
        self.page = p
        rows = Array(all.dropFirst((p - 1) * Self.pageSize).prefix(Self.pageSize))
    }

    /// Parses the query parameters shared by the page, its CSV download and the API.
    /// A filter switch: on with 1/true/yes/on, off with 0/false/no/off or empty; anything else is
    /// refused (400) rather than read as off, so a typo does not silently show every account.
    static func flag(_ value: String?, name: String) throws -> Bool {
        switch value {
        case nil, "", "0", "false", "no", "off": return false
        case "1", "true", "yes", "on": return true
        case let v?: throw ProblemDetails.badRequest("\(name) must be 1 or 0 (got \(v))", field: name)
        }
    }

    static func query(from request: Request) throws -> AccountListQuery {
        var q = AccountListQuery()
        if let tier = try TierParameter.parse(request.query("tier")) { q.tier = tier }
        switch request.query("icp") {
        case nil: break
        case "yes", "true", "1": q.icp = true
        case "no", "false", "0": q.icp = false
        case let v?: throw ProblemDetails.badRequest("icp must be yes or no (got \(v))", field: "icp")
        }
        q.engagedOnly = try flag(request.query("engaged"), name: "engaged")
        q.surgingOnly = try flag(request.query("surging"), name: "surging")
        q.search = request.query("q")
        if let s = request.query("sort") {
            guard let sort = AccountListQuery.Sort(rawValue: s) else {
                throw ProblemDetails.badRequest(
                    "sort must be one of \(AccountListQuery.Sort.allCases.map(\.rawValue).joined(separator: ", "))",
                    field: "sort")
            }
            q.sort = sort
        }
        if let o = request.query("order") {
            guard o == "asc" || o == "desc" else {
                throw ProblemDetails.badRequest("order must be asc or desc", field: "order")
            }
            q.descending = o == "desc"
        } else {
            q.descending = q.sort != .name
        }
        return q
    }

    /// The query string of `q` (without page), for links and the CSV download.
    static func queryString(_ q: AccountListQuery) -> String {
        var parts: [String] = []
        if let t = q.tier { parts.append("tier=\(t.rawValue)") }
        if let i = q.icp { parts.append("icp=\(i ? "yes" : "no")") }
        if q.engagedOnly { parts.append("engaged=1") }
        if q.surgingOnly { parts.append("surging=1") }
        if let s = q.search { parts.append("q=\(urlEncode(s))") }
        parts.append("sort=\(q.sort.rawValue)")
        parts.append("order=\(q.descending ? "desc" : "asc")")
        return parts.joined(separator: "&")
    }

    /// CSV of exactly the rows shown (this page), UTF-8 with BOM so Excel in Japan opens it.
    static func csv(_ rows: [AccountListRow], timeZone: WorkspaceTimeZone) -> String {
        var out =
            "\u{FEFF}company_id,name,tier,icp_match,score,score_change_7d,engaged_contacts,top_topics,surging,last_activity,open_pipeline\r\n"
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        for r in rows {
            // Text that came from imported files is neutralised (CSV injection); numbers stay
            // numbers (a negative score change must not become text).
            let cells = [
                SpreadsheetCell.neutralised(r.companyId), SpreadsheetCell.neutralised(r.name), String(r.tier.rawValue),
                r.icpMatch ? "true" : "false",
                JSONValue.format(r.score), JSONValue.format(r.scoreChange7d), String(r.engagedContacts),
                SpreadsheetCell.neutralised(r.topTopics.joined(separator: "; ")), r.surging ? "true" : "false",
                r.lastActivity.map { timeZone.day(of: $0).description } ?? "", JSONValue.format(r.openPipeline),
            ]
            out += cells.map(field).joined(separator: ",") + "\r\n"
        }
        return out
    }

    static func json(_ r: AccountListRow) -> JSONValue {
        .object([
            ("company_id", .string(r.companyId)), ("name", .string(r.name)), ("tier", .int(r.tier.rawValue)),
            ("icp_match", .bool(r.icpMatch)), ("score", .number(r.score)),
            ("score_change_7d", .number(r.scoreChange7d)),
            ("engaged_contacts", .int(r.engagedContacts)), ("top_topics", .array(r.topTopics.map { .string($0) })),
            ("surging", .bool(r.surging)),
            ("last_activity", r.lastActivity.map { .int(Int($0.millisecondsSinceEpoch)) } ?? .null),
            ("open_pipeline", .number(r.openPipeline)),
        ])
    }
}
