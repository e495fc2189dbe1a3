import Hummingbird
import KizashiCore

/// The "施策の効果 / Campaign impact" page without HTML (issue 21): the attribution report of the
/// picked period and tier, its rows sorted as asked, the campaigns the model chart compares, and
/// the channel with the lowest pipeline per cost.
struct CampaignImpactModel: Sendable {
    enum SortKey: String, CaseIterable, Sendable {
        case name, cost, touches, influenced, pipeline, revenue, roi
        case perCost = "per_cost"
    }

    /// The model, sort and order of the page, from `model=`, `sort=`, `order=`.
    struct Query: Sendable, Equatable {
        var model: AttributionModel = .linear
        var sort: SortKey = .pipeline
        var descending = true
    }

    var report: AttributionReport
    var query: Query
    var currency: String
    /// Campaigns then direct keys, sorted.
    var campaignRows: [AttributionReport.Entry]
    var channelRows: [AttributionReport.Entry]
    /// Up to `chartSize` campaigns with the most pipeline under any model, most first.
    var chartCampaigns: [AttributionReport.Entry]
    /// The channel with a cost whose pipeline per cost is lowest under the chosen model (PDCA).
    var lowestPerCost: AttributionReport.Entry?

    static let chartSize = 6

    init(report: AttributionReport, query: Query, currency: String) {
        self.report = report
        self.query = query
        self.currency = currency
        campaignRows = Self.sorted(report.campaigns + report.direct, query)
        channelRows = Self.sorted(report.channels, query)
        let ranked: [(entry: AttributionReport.Entry, top: Double)] = report.campaigns.map { e in
            (e, e.models.map(\.pipeline).max() ?? 0)
        }
        let shown = ranked.filter { $0.top > 0 }.sorted { a, b in
            a.top != b.top ? a.top > b.top : CodePoints.less(a.entry.key, b.entry.key)
        }
        chartCampaigns = shown.prefix(Self.chartSize).map(\.entry)
        let model = query.model
        var lowest: (entry: AttributionReport.Entry, ratio: Double)?
        for e in report.channels {
            guard let ratio = e.pipelinePerCost(model) else { continue }
            if lowest == nil || ratio < lowest!.ratio { lowest = (e, ratio) }
        }
        lowestPerCost = lowest?.entry
    }

    /// The value a column sorts by; nil (no ratio) sorts last whatever the order.
    static func value(_ e: AttributionReport.Entry, _ key: SortKey, _ m: AttributionModel) -> Double? {
        switch key {
        case .name: return nil
        case .cost: return e.cost
        case .touches: return Double(e.touches)
        case .influenced: return Double(e.influencedOpportunities)
        case .pipeline: return e[m].pipeline
        case .revenue: return e[m].revenue
        case .roi: return e.roi(m)
        case .perCost: return e.pipelinePerCost(m)
        }
    }

    static func sorted(_ rows: [AttributionReport.Entry], _ q: Query) -> [AttributionReport.Entry] {
        rows.sorted { a, b in
            if q.sort == .name {
                return q.descending ? CodePoints.less(b.key, a.key) : CodePoints.less(a.key, b.key)
            }
            switch (value(a, q.sort, q.model), value(b, q.sort, q.model)) {
            case (let x?, let y?) where x != y: return q.descending ? x > y : x < y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return CodePoints.less(a.key, b.key)
            }
        }
    }

    static func query(from request: Request) throws -> Query {
        var q = Query()
        if let m = request.query("model") {
            guard let model = AttributionModel(rawValue: m) else {
                throw ProblemDetails.badRequest(
                    "model must be one of \(AttributionModel.allCases.map(\.rawValue).joined(separator: ", "))",
                    field: "model")
            }
            q.model = model
        }
        if let s = request.query("sort") {
            guard let sort = SortKey(rawValue: s) else {
                throw ProblemDetails.badRequest(
                    "sort must be one of \(SortKey.allCases.map(\.rawValue).joined(separator: ", "))", field: "sort")
            }
            q.sort = sort
            q.descending = sort != .name
        }
        switch request.query("order") {
        case nil: break
        case "asc": q.descending = false
        case "desc": q.descending = true
        default: throw ProblemDetails.badRequest("order must be asc or desc", field: "order")
        }
        return q
    }

    /// `model=…&sort=…&order=…` of `q`.
    static func queryString(_ q: Query) -> String {
        "model=\(q.model.rawValue)&sort=\(q.sort.rawValue)&order=\(q.descending ? "desc" : "asc")"
    }
}
