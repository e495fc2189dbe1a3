/// Writes canonical CSV (data-format.md) — the inverse of `CanonicalRowParser`, so that
/// import → export → import is lossless. Quotes a field only when it must.
public enum CanonicalCSVWriter {
    public static func appendHeader(for entity: CanonicalEntity, to out: inout [UInt8]) {
        appendFields(entity.columns.map { Optional($0) }, to: &out)
    }

    public static func appendLine(for record: CanonicalRecord, timeZone: WorkspaceTimeZone, to out: inout [UInt8]) {
        func d(_ x: Day?) -> String? { x?.description }
        func t(_ x: Instant) -> String { timestamp(x, timeZone: timeZone) }
        func m(_ x: Double) -> String { JSONValue.format(x) }
        let fields: [String?]
        switch record {
        case .company(let c):
            fields = [
                c.id, c.name, c.corporateNumber, c.domain, c.industry, c.employees, c.annualRevenue, c.country,
                c.region,
                d(c.updatedOn), d(c.verifiedOn),
            ]
        case .target(let x): fields = [x.companyId, String(x.tier.rawValue), d(x.addedOn), d(x.removedOn), x.owner]
        case .contact(let c):
            fields = [
                c.id, c.companyId, c.name, c.email, c.department, c.title, c.role?.rawValue, c.phone, d(c.updatedOn),
            ]
        case .activity(let a):
            fields = [a.id, t(a.occurredAt), a.type.rawValue, a.companyId, a.contactId, a.campaignId, a.url, a.topic]
        case .intent(let s):
            fields = [s.id, s.companyId, d(s.observedOn), s.topic, s.kind.rawValue, String(s.score), s.source]
        case .leadStage(let l): fields = [l.contactId, l.stage.rawValue, t(l.reachedAt)]
        case .meeting(let x): fields = [x.id, x.companyId, x.contactId, t(x.heldAt), x.kind?.rawValue]
        case .opportunity(let o):
            fields = [
                o.id, o.companyId, o.name, d(o.createdOn), o.amount.map(m), o.termMonths.map(String.init),
                o.status.rawValue,
                d(o.closedOn), o.stage, o.source,
            ]
        case .contract(let c): fields = [c.id, c.companyId, d(c.startOn), d(c.endOn), m(c.annualValue)]
        case .campaign(let c):
            fields = [c.id, c.name, c.channel, d(c.startOn), d(c.endOn), m(c.cost), c.abm ? "true" : "false"]
        }
        appendFields(fields, to: &out)
    }

    /// `2026-10-01T09:30:00+09:00`, with `.123` only when the milliseconds are not zero.
    public static func timestamp(_ i: Instant, timeZone: WorkspaceTimeZone) -> String {
        let offset = timeZone.offsetSeconds(at: i)
        let local = i.millisecondsSinceEpoch + Int64(offset) * 1000
        let dayMs: Int64 = 86_400_000
        var days = local / dayMs
        var rem = local % dayMs
        if rem < 0 { rem += dayMs; days -= 1 }
        let day = Day(daysSinceEpoch: Int32(days))
        let secs = Int(rem / 1000), ms = Int(rem % 1000)
        var s = "\(day)T\(Day.pad(secs / 3600, 2)):\(Day.pad(secs / 60 % 60, 2)):\(Day.pad(secs % 60, 2))"
        if ms != 0 { s += "." + Day.pad(ms, 3) }
        if offset == 0 { return s + "Z" }
        let a = abs(offset)
        s += (offset < 0 ? "-" : "+") + Day.pad(a / 3600, 2) + ":" + Day.pad(a / 60 % 60, 2)
        return s
    }

    static func appendFields(_ fields: [String?], to out: inout [UInt8]) {
        for (i, f) in fields.enumerated() {
            if i > 0 { out.append(44) }
            guard let f else { continue }
            let u = f.utf8
            let needsQuotes =
                u.contains { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 } || u.first == 32 || u.last == 32
            if needsQuotes {
                out.append(34)
                for c in u {
                    if c == 34 { out.append(34) }
                    out.append(c)
                }
                out.append(34)
            } else {
                out.append(contentsOf: u)
            }
        }
        out.append(10)
    }
}
