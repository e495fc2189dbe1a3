import Foundation

/// HubSpot company, contact and deal exports (the UI's CSV export: property LABELS as headers, in
/// the portal's language; or internal property names, as the API and some tools write them),
/// mapped onto the canonical entities.
///
/// HubSpot record IDs are numbers, so they are prefixed (`HS123`) to stay apart from IDs of other
/// sources in one workspace. The Japanese labels are those of a Japanese-language portal as far
/// as we know them (no official sample file exists); any header can also be mapped explicitly
/// with `--mapping` (see docs/connectors.md).
public enum HubSpotMapping {
    public enum Object: String, Sendable, CaseIterable {
        case company, contact, deal
    }

    /// Canonical field ← accepted headers (lower-cased; English label, internal name, Japanese label).
    static let aliases: [String: [String]] = [
        "id": ["record id", "hs_object_id", "レコードid", "company id", "contact id", "deal id"],
        "name": ["company name", "name", "会社名"],
        "domain": ["company domain name", "domain", "会社のドメイン名", "ドメイン"],
        "website": ["website url", "website", "ウェブサイトurl", "ウェブサイト"],
        "industry": ["industry", "業種"],
        "employees": ["number of employees", "numberofemployees", "従業員数"],
        "revenue": ["annual revenue", "annualrevenue", "年間売上高", "年間売上"],
        "country": ["country/region", "country", "国/地域", "国"],
        "region": ["state/region", "state", "都道府県/地域", "都道府県", "州/地域"],
        "first": ["first name", "firstname", "名"],
        "last": ["last name", "lastname", "姓"],
        "email": ["email", "eメール", "メール", "メールアドレス"],
        "phone": ["phone number", "phone", "電話番号"],
        "title": ["job title", "jobtitle", "役職"],
        "department": ["department", "部署"],
        "lifecycle": ["lifecycle stage", "lifecyclestage", "ライフサイクルステージ"],
        "mqlDate": [
            "became a marketing qualified lead date", "hs_lifecyclestage_marketingqualifiedlead_date",
            "marketing qualified leadになった日",
        ],
        "sqlDate": [
            "became a sales qualified lead date", "hs_lifecyclestage_salesqualifiedlead_date",
            "sales qualified leadになった日",
        ],
        "companyRef": [
            "associated company ids", "associated company id", "associatedcompanyid", "associated company",
            "関連付けられた会社id", "関連付けられた会社", "関連会社id",
        ],
        "dealName": ["deal name", "dealname", "取引名"],
        "stage": ["deal stage", "dealstage", "取引ステージ"],
        "amount": ["amount", "金額"],
        "closeDate": ["close date", "closedate", "完了予定日", "クローズ日"],
        "createDate": ["create date", "createdate", "作成日"],
        "pipeline": ["pipeline", "パイプライン"],
        "source": ["original source", "hs_analytics_source", "元のソース", "lead source"],
    ]

    /// Which object an export holds, from its headers: deals have a stage, contacts a first/last
    /// name or e-mail, companies a company name or domain.
    public static func object(ofHeaders headers: [String]) -> Object? {
        let m = columns(headers)
        if m["stage"] != nil || m["dealName"] != nil { return .deal }
        if m["email"] != nil || m["first"] != nil || m["last"] != nil { return .contact }
        if m["name"] != nil || m["domain"] != nil { return .company }
        return nil
    }

    /// Canonical field → column index. `overrides` (header → field) come from a mapping file.
    public static func columns(_ headers: [String], overrides: [String: String] = [:]) -> [String: Int] {
        var lookup: [String: String] = [:]
        for (field, names) in aliases { for n in names { lookup[n] = field } }
        for (header, field) in overrides { lookup[normalize(header)] = field }
        var out: [String: Int] = [:]
        for (i, h) in headers.enumerated() {
            if let f = lookup[normalize(h)], out[f] == nil { out[f] = i }
        }
        return out
    }

    static func normalize(_ header: String) -> String {
        header.replacingOccurrences(of: "\u{FEFF}", with: "").trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// One exported row: canonical field → value (empty values dropped).
    public typealias Row = [String: String]

    public static func row(_ fields: [String], columns: [String: Int]) -> Row {
        var r: Row = [:]
        for (f, i) in columns where i < fields.count {
            let v = fields[i].trimmingCharacters(in: .whitespaces)
            if !v.isEmpty { r[f] = v }
        }
        return r
    }

    public static func companyId(_ raw: String) -> String { "HS" + raw }

    /// `12;34` or `Company A (12)`: the first associated company's record ID.
    public static func firstAssociatedId(_ raw: String) -> String? {
        let first = raw.split(whereSeparator: { $0 == ";" || $0 == "," }).first.map(String.init) ?? raw
        let digits = first.trimmingCharacters(in: .whitespaces)
        if !digits.isEmpty, digits.allSatisfy(\.isNumber) { return digits }
        if let open = first.lastIndex(of: "("), let close = first.lastIndex(of: ")"), open < close {
            let inner = first[first.index(after: open)..<close]
            if !inner.isEmpty, inner.allSatisfy(\.isNumber) { return String(inner) }
        }
        return nil
    }

    /// Amounts may carry currency formatting: `¥1,200,000`, `1,200,000 JPY`, `$12,000.50`.
    public static func amount(_ raw: String) -> Double? {
        let cleaned = raw.filter { $0.isNumber || $0 == "." || $0 == "-" }
        return Double(cleaned)
    }

    /// `2024-02-01 09:30`, `2024-02-01T09:30:00Z`, `2024/02/01`: the date part.
    public static func day(_ raw: String) -> Day? {
        let d = String(raw.prefix(10)).replacingOccurrences(of: "/", with: "-")
        return Day(iso: d)
    }

    public static func company(_ r: Row) -> Result<Company, EventProblem> {
        guard let id = r["id"] else { return .failure(EventProblem("no Record ID")) }
        guard let name = r["name"] else { return .failure(EventProblem("no company name")) }
        let domain = (r["domain"] ?? r["website"]).map(CompanyNameNormalizer.normalizeDomain).flatMap {
            $0.isEmpty ? nil : $0
        }
        return .success(
            Company(
                id: companyId(id), name: name, domain: domain, industry: r["industry"], employees: r["employees"],
                annualRevenue: r["revenue"].map { raw in amount(raw).map { String(format: "%.0f", $0) } ?? raw },
                country: r["country"], region: r["region"]))
    }

    /// A contact and, when its lifecycle stage says MQL or SQL with the date it became one, the
    /// lead-stage transitions (data-format.md §lead_stages).
    public static func contact(_ r: Row, timeZone: WorkspaceTimeZone) -> Result<
        (Contact, [LeadStageTransition]), EventProblem
    > {
        guard let id = r["id"] else { return .failure(EventProblem("no Record ID")) }
        guard let ref = r["companyRef"], let company = firstAssociatedId(ref) else {
            return .failure(EventProblem("no associated company", kind: .noCompany))
        }
        let name = [r["last"], r["first"]].compactMap { $0 }.joined(separator: " ")
        let contactId = "HS" + id
        let contact = Contact(
            id: contactId, companyId: companyId(company), name: name.isEmpty ? nil : name, email: r["email"],
            department: r["department"], title: r["title"], phone: r["phone"])
        var stages: [LeadStageTransition] = []
        for (stage, key) in [(LeadStage.mql, "mqlDate"), (.sql, "sqlDate")] {
            guard let raw = r[key], let at = instant(raw, timeZone: timeZone) else { continue }
            stages.append(LeadStageTransition(contactId: contactId, stage: stage, reachedAt: at))
        }
        return .success((contact, stages))
    }

    /// Export datetimes are in the exporting user's time zone, without an offset: read them in the
    /// workspace's zone (data-format.md: timestamps without an offset are local).
    static func instant(_ raw: String, timeZone: WorkspaceTimeZone) -> Instant? {
        guard let d = day(raw) else { return nil }
        let rest = raw.dropFirst(10).trimmingCharacters(in: CharacterSet(charactersIn: " T"))
        let parts = rest.prefix(5).split(separator: ":").compactMap { Int($0) }
        let seconds = parts.count == 2 ? parts[0] * 3600 + parts[1] * 60 : 0
        return timeZone.instant(localDay: d, secondsOfDay: seconds)
    }

    /// Deal stage → status: the default pipeline's `closedwon`/`closedlost` IDs or their labels.
    public static func status(ofStage stage: String?) -> OpportunityStatus {
        switch stage?.lowercased().replacingOccurrences(of: " ", with: "") {
        case "closedwon", "成約", "受注": .won
        case "closedlost", "失注", "不成立": .lost
        default: .open
        }
    }

    public static func deal(_ r: Row) -> Result<Opportunity, EventProblem> {
        guard let id = r["id"] else { return .failure(EventProblem("no Record ID")) }
        guard let ref = r["companyRef"], let company = firstAssociatedId(ref) else {
            return .failure(EventProblem("no associated company", kind: .noCompany))
        }
        guard let created = (r["createDate"] ?? r["closeDate"]).flatMap(day) else {
            return .failure(EventProblem("no Create Date"))
        }
        var amount: Double?
        if let raw = r["amount"] {
            guard let a = Self.amount(raw) else { return .failure(EventProblem("Amount \"\(raw)\" is not a number")) }
            guard a >= 0 else { return .failure(EventProblem("negative Amount")) }
            amount = a
        }
        let status = status(ofStage: r["stage"])
        // data-format.md: an open deal's amount may be unknown; a closed one without an Amount
        // keeps the 0 HubSpot shows for it.
        if amount == nil && status != .open { amount = 0 }
        return .success(
            Opportunity(
                id: "HS" + id, companyId: companyId(company), name: r["dealName"], createdOn: created, amount: amount,
                termMonths: nil, status: status, closedOn: status == .open ? nil : r["closeDate"].flatMap(day),
                stage: r["stage"], source: r["pipeline"].map { "hubspot:\($0)" } ?? "hubspot"))
    }
}
