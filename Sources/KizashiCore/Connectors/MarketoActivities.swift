/// Marketo activity exports (the REST API's `activities.json` fields written as CSV by export
/// tools: id or marketoGUID, leadId, activityDate, activityTypeId, primaryAttributeValue,
/// campaignId; optionally the lead's email) mapped onto canonical activities.
///
/// Type IDs follow Marketo's standard list (`realdata/formats/marketo_activity_types.csv`);
/// custom activity types (10000+) and types with no ABM meaning (sync, score and owner changes,
/// list membership) are skipped and counted, never guessed.
public enum MarketoActivities {
    /// activityTypeId → canonical type, with the name Marketo gives it.
    public static let types: [Int: (name: String, type: ActivityType)] = [
        1: ("Visit Webpage", .webVisit),
        2: ("Fill Out Form", .formSubmit),
        3: ("Click Link", .webVisit),
        10: ("Open Email", .emailOpen),
        11: ("Click Email", .emailClick),
        40: ("Open Sales Email", .emailOpen),
        41: ("Click Sales Email", .emailClick),
        131: ("Fill Out Facebook Lead Ads Form", .formSubmit),
        133: ("Click Predictive Content", .contentView),
        147: ("Fill Out Linked Lead Gen Form", .formSubmit),
        400: ("Share Content", .contentView),
    ]

    /// Column name (lower-cased) → field.
    static let aliases: [String: String] = [
        "id": "id", "marketoguid": "id", "activityid": "id", "leadid": "lead", "lead id": "lead",
        "activitydate": "date", "activity date": "date", "activitytypeid": "typeId", "activity type id": "typeId",
        "activitytype": "typeName", "activity type": "typeName", "primaryattributevalue": "value",
        "primary attribute value": "value", "campaignid": "campaign", "campaign id": "campaign", "email": "email",
    ]

    public static func columns(_ headers: [String]) -> [String: Int] {
        var out: [String: Int] = [:]
        for (i, h) in headers.enumerated() {
            let key = h.replacingOccurrences(of: "\u{FEFF}", with: "").trimmingASCIIWhitespace().lowercased()
            if let f = aliases[key], out[f] == nil { out[f] = i }
        }
        return out
    }

    public enum Outcome: Equatable, Sendable {
        case activity(Activity)
        /// Deliberately not imported: the reason, for the report's counts.
        case skipped(String)
        case rejected(column: String, reason: String)
    }

    /// Maps one row. `contact` resolves a Marketo lead (its ID, and the email when exported) to a
    /// workspace contact ID. `companyId`: the company a reference column of the row names (issue
    /// 29); the activity is the company's when its lead is no workspace contact.
    public static func map(
        _ fields: [String], columns: [String: Int], timeZone: WorkspaceTimeZone, companyId: String? = nil,
        contact: (_ leadId: String, _ email: String?) -> String?
    ) -> Outcome {
        func f(_ k: String) -> String? {
            guard let i = columns[k], i < fields.count else { return nil }
            let v = fields[i].trimmingASCIIWhitespace()
            return v.isEmpty ? nil : v
        }
        guard let id = f("id") else { return .rejected(column: "id", reason: "no activity id") }
        let type: ActivityType
        if let raw = f("typeId") {
            guard let n = Int(raw) else {
                return .rejected(column: "activityTypeId", reason: "\"\(raw)\" is not a number")
            }
            guard let t = types[n] else { return .skipped("activity type \(n) not mapped") }
            type = t.type
        } else if let name = f("typeName") {
            guard let t = types.values.first(where: { $0.name.lowercased() == name.lowercased() }) else {
                return .skipped("activity type \(name) not mapped")
            }
            type = t.type
        } else {
            return .rejected(column: "activityTypeId", reason: "no activity type")
        }
        guard let rawDate = f("date") else { return .rejected(column: "activityDate", reason: "no activity date") }
        guard case .success(let at) = CanonicalField.timestamp(rawDate, timeZone: timeZone) else {
            return .rejected(column: "activityDate", reason: "\"\(rawDate)\" is not a timestamp")
        }
        guard let lead = f("lead") else { return .rejected(column: "leadId", reason: "no lead id") }
        let contactId = contact(lead, f("email"))
        guard contactId != nil || companyId != nil else { return .skipped("lead not a known contact") }
        let value = f("value")
        // The primary attribute is the page for visits and clicks, the asset name otherwise.
        let isPage = type == .webVisit
        return .activity(
            Activity(
                id: "MK" + id, occurredAt: at, type: type, companyId: companyId, contactId: contactId,
                url: isPage ? value : nil, topic: isPage ? nil : value))
    }
}
