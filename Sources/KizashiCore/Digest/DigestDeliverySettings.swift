/// What the scheduled review sends and to whom (issue 24 §1), read from the workspace settings
/// like `JourneyRules`; not scoring parameters, so the KPI JSON does not change when they do.
///
/// - `digest.schedule` (`DigestSchedule`; default off): when.
/// - `digest.period` (`last-week` or `last-month`; default `last-week`): the period each review
///   covers, read against the slot's local day.
/// - `digest.lang` (`ja` or `en`; default `ja`): the language of the message.
/// - `digest.webhooks` (`all`, `none` or webhook numbers such as `1,3`; default `all`): which
///   active webhooks receive it (Slack webhooks get Slack text, generic ones the JSON).
/// - `digest.email_to` (up to 20 addresses, comma-separated; default none): e-mail recipients,
///   sent through the server's `--smtp` relay.
/// - `digest.per_owner` (`on` or `off`; default `off`): also send each account owner with a
///   route (`kizashi owners route set`) a review of their own accounts (issue 27 §3).
/// - `digest.segments` (`DigestSegmentReview`; default none): saved segments whose own review is
///   sent on the same slot to their own addresses and webhooks (issue 26 §4).
public struct DigestDeliverySettings: Sendable, Equatable {
    public enum WebhookChoice: Sendable, Equatable {
        case all, none
        case only(Set<Int64>)
    }

    public var schedule: DigestSchedule?
    public var period = DigestPeriod.defaultReading
    public var language = Language.ja
    public var webhooks = WebhookChoice.all
    public var emailTo: [String] = []
    public var perOwner = false
    public var segmentReviews: [DigestSegmentReview] = []

    public static let periodKey = "digest.period"
    public static let languageKey = "digest.lang"
    public static let webhooksKey = "digest.webhooks"
    public static let emailToKey = "digest.email_to"
    public static let perOwnerKey = "digest.per_owner"
    public static let maxRecipients = 20

    public init() {}

    /// Reads the settings; a stored value `problem` would refuse falls back to the default, so
    /// the scheduler never fails on a setting (the Settings form refuses it first).
    public init(settings: [String: String]) {
        if let v = settings[DigestSchedule.key], case .success(let s) = DigestSchedule.parse(v) { schedule = s }
        if let v = settings[Self.periodKey], Self.periodProblem(v) == nil {
            period = v.trimmingASCIIWhitespace().lowercased()
        }
        if let v = settings[Self.languageKey], let l = Language(rawValue: v.trimmingASCIIWhitespace()) {
            language = l
        }
        if let v = settings[Self.webhooksKey], let w = Self.webhookChoice(v) { webhooks = w }
        if let v = settings[Self.emailToKey], let list = Self.recipients(v) { emailTo = list }
        if let v = settings[Self.perOwnerKey], let on = Self.onOff(v) { perOwner = on }
        if let v = settings[DigestSegmentReview.settingKey], case .success(let r) = DigestSegmentReview.parse(v) {
            segmentReviews = r
        }
    }

    static func onOff(_ v: String) -> Bool? {
        switch v.trimmingASCIIWhitespace().lowercased() {
        case "on", "true", "yes": true
        case "off", "false", "no", "": false
        default: nil
        }
    }

    public static let keys: [(key: String, help: String)] = [
        (
            DigestSchedule.key,
            "digest: when serve sends the review, e.g. mon 09:00, mon,thu 09:00, daily 09:00 (default off)"
        ),
        (periodKey, "digest: period each scheduled review covers, last-week or last-month (default last-week)"),
        (languageKey, "digest: language of the scheduled review, ja or en (default ja)"),
        (webhooksKey, "digest: webhooks that receive it, all, none or numbers such as 1,3 (default all)"),
        (emailToKey, "digest: e-mail recipients, comma-separated, sent through serve --smtp (default none)"),
        (
            perOwnerKey,
            "digest: also send each routed account owner a review of their own accounts, on or off (default off)"
        ),
        (
            DigestSegmentReview.settingKey,
            "digest: saved segments' own reviews as JSON, e.g. [{\"segment\": \"大手\", \"email_to\": [\"a@example.co.jp\"], \"webhooks\": [3]}] (default none)"
        ),
    ]

    public static func isKey(_ key: String) -> Bool { keys.contains { $0.key == key } }

    /// Why `value` is not acceptable for `key`, or nil.
    public static func problem(key: String, value: String) -> String? {
        switch key {
        case DigestSchedule.key:
            if case .failure(let p) = DigestSchedule.parse(value) { return p.reason }
            return nil
        case periodKey: return periodProblem(value)
        case languageKey:
            return Language(rawValue: value.trimmingASCIIWhitespace()) == nil ? "must be ja or en" : nil
        case webhooksKey:
            return webhookChoice(value) == nil ? "must be all, none or webhook numbers such as 1,3" : nil
        case emailToKey:
            return recipients(value) == nil
                ? "must be at most \(maxRecipients) e-mail addresses separated by commas" : nil
        case perOwnerKey: return onOff(value) == nil ? "must be on or off" : nil
        case DigestSegmentReview.settingKey:
            if case .failure(let p) = DigestSegmentReview.parse(value) { return p.reason }
            return nil
        default: return "unknown key"
        }
    }

    static func periodProblem(_ v: String) -> String? {
        ["last-week", "last-month"].contains(v.trimmingASCIIWhitespace().lowercased())
            ? nil : "must be last-week or last-month"
    }

    static func webhookChoice(_ v: String) -> WebhookChoice? {
        let t = v.trimmingASCIIWhitespace().lowercased()
        if t.isEmpty || t == "all" { return .all }
        if t == "none" { return WebhookChoice.none }
        guard t.utf8.count <= 200 else { return nil }
        var ids = Set<Int64>()
        for part in t.split(separator: ",", omittingEmptySubsequences: false) {
            guard let n = Int64(part.trimmingASCIIWhitespace()), n > 0 else { return nil }
            ids.insert(n)
        }
        return .only(ids)
    }

    /// The addresses, or nil when one is not a plain `local@domain` (no spaces, no line breaks:
    /// an address goes into an SMTP command line) or there are too many.
    public static func recipients(_ v: String) -> [String]? {
        let t = v.trimmingASCIIWhitespace()
        if t.isEmpty { return [] }
        guard t.utf8.count <= 20 * 254 else { return nil }
        let list = t.split(separator: ",", omittingEmptySubsequences: false).map {
            String($0.trimmingASCIIWhitespace())
        }
        guard list.count <= maxRecipients, list.allSatisfy(isPlainAddress) else { return nil }
        return list
    }

    /// `local@domain.tld` in printable ASCII without spaces, brackets, quotes or commas, at most
    /// 254 bytes: what an SMTP `RCPT TO:<…>` line can carry safely.
    public static func isPlainAddress(_ a: String) -> Bool {
        let bytes = Array(a.utf8)
        guard (3...254).contains(bytes.count), bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }),
            !bytes.contains(where: { "<>()[]\\,;:\"".utf8.contains($0) })
        else { return false }
        let parts = a.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix(".")
        else { return false }
        return true
    }

    public func describe() -> [(key: String, value: String)] {
        let hooks: String
        switch webhooks {
        case .all: hooks = "all"
        case .none: hooks = "none"
        case .only(let ids): hooks = ids.sorted().map(String.init).joined(separator: ",")
        }
        return [
            (DigestSchedule.key, schedule.map(Self.describe) ?? "off"), (Self.periodKey, period),
            (Self.languageKey, language.rawValue), (Self.webhooksKey, hooks),
            (Self.emailToKey, emailTo.joined(separator: ",")), (Self.perOwnerKey, perOwner ? "on" : "off"),
            (DigestSegmentReview.settingKey, DigestSegmentReview.describe(segmentReviews)),
        ]
    }

    static func describe(_ s: DigestSchedule) -> String {
        let days =
            s.weekdays.count == 7
            ? "daily" : s.weekdays.sorted().map { DigestSchedule.weekdayNames[$0 - 1] }.joined(separator: ",")
        let h = s.minuteOfDay / 60, m = s.minuteOfDay % 60
        return "\(days) \(h < 10 ? "0" : "")\(h):\(m < 10 ? "0" : "")\(m)"
    }
}
