import Hummingbird
import KizashiCore

/// What a review, its page and its workbook are asked for (issue 24): `period` (last-week,
/// last-month or a label such as 2026Q3, 2026-10, 2026), `as_of`, `tier`, `lang`. One parser, so
/// `/api/v1/digest`, `/api/v1/report.xlsx` and `/review` read the same query the same way.
struct ReviewQuery {
    /// The text asked for (`last-week` when none), kept so links repeat the relative reading.
    var reading: String
    var period: KPIPeriod
    var asOf: Day
    var tier: Tier?
    var language: Language

    /// How far back `as_of` may go: each day asked for loads its own approach-now list, so a
    /// signed-in caller cannot make the server load arbitrarily many (a year covers last year's reviews).
    static let asOfReachDays = 366
    /// Longer than any reading (`last-month`, `2026-10`) with room to spare; refused beyond.
    static let readingLimit = 16

    static func parse(_ request: Request, language: Language, today: Day) throws -> ReviewQuery {
        var asOf = today
        if let text = request.query("as_of") {
            guard let d = Day(iso: text), d <= today, today - d <= asOfReachDays else {
                throw ProblemDetails.badRequest(
                    "as_of must be a date YYYY-MM-DD, not after today and at most \(asOfReachDays) days before it",
                    field: "as_of")
            }
            asOf = d
        }
        let reading = request.query("period").flatMap { $0.isEmpty ? nil : $0 } ?? DigestPeriod.defaultReading
        guard reading.utf8.count <= readingLimit, let period = DigestPeriod.resolve(reading, asOf: asOf) else {
            throw ProblemDetails.badRequest(
                "period must be last-week, last-month, 2026Q3, 2026-10 or 2026", field: "period")
        }
        var chosen = language
        if let l = request.query("lang") {
            guard let c = Language(rawValue: l) else {
                throw ProblemDetails.badRequest("lang must be ja or en", field: "lang")
            }
            chosen = c
        }
        return ReviewQuery(
            reading: reading, period: period, asOf: asOf, tier: try TierParameter.parse(request.query("tier")),
            language: chosen)
    }

    /// The same selection as a query string (`as_of` only when it is not today's default).
    func query(today: Day) -> String {
        var q = "period=\(urlEncode(reading))"
        if asOf != today { q += "&as_of=\(asOf)" }
        if let tier { q += "&tier=\(tier.rawValue)" }
        return q + "&lang=\(language.rawValue)"
    }

    /// A file name for the download: the period's dates, nothing from the query itself.
    var fileStem: String {
        "kizashi-review-\(period.start)-\(period.lastDay)" + (tier.map { "-tier\($0.rawValue)" } ?? "")
    }
}
