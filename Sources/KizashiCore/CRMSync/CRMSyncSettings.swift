/// When `kizashi serve` writes back to HubSpot on its own (issue 27 §1), read from the workspace
/// settings like `DigestDeliverySettings`; not scoring parameters, so the KPI JSON does not
/// change when they do.
///
/// - `crm.hubspot.schedule` (`DigestSchedule`'s grammar: `daily 06:00`, `mon,thu 09:00`; default
///   off): when. Each slot is run by one server of those sharing the workspace.
/// - `crm.hubspot.lang` (`ja` or `en`; default `ja`): the language of `kizashi_reasons`.
/// - `crm.hubspot.contacts` (`true` or `false`; default `false`): also write the contacts.
public struct CRMSyncSettings: Sendable, Equatable {
    public var schedule: DigestSchedule?
    public var language = Language.ja
    public var contacts = false

    public static let scheduleKey = "crm.hubspot.schedule"
    public static let languageKey = "crm.hubspot.lang"
    public static let contactsKey = "crm.hubspot.contacts"

    public init() {}

    /// Reads the settings; a stored value `problem` would refuse falls back to the default, so the
    /// scheduler never fails on a setting.
    public init(settings: [String: String]) {
        if let v = settings[Self.scheduleKey], case .success(let s) = DigestSchedule.parse(v) { schedule = s }
        if let v = settings[Self.languageKey], let l = Language(rawValue: v.trimmingASCIIWhitespace()) {
            language = l
        }
        if let v = settings[Self.contactsKey], let b = Self.flag(v) { contacts = b }
    }

    public static let keys: [(key: String, help: String)] = [
        (scheduleKey, "HubSpot write-back: when serve runs it, e.g. daily 06:00, mon,thu 09:00 (default off)"),
        (languageKey, "HubSpot write-back: language of kizashi_reasons, ja or en (default ja)"),
        (
            contactsKey,
            "HubSpot write-back: also write the contacts imported from HubSpot, true or false (default false)"
        ),
    ]

    public static func isKey(_ key: String) -> Bool { keys.contains { $0.key == key } }

    /// Why `value` is not acceptable for `key`, or nil.
    public static func problem(key: String, value: String) -> String? {
        switch key {
        case scheduleKey:
            if case .failure(let p) = DigestSchedule.parse(value) { return p.reason }
            return nil
        case languageKey: return Language(rawValue: value.trimmingASCIIWhitespace()) == nil ? "must be ja or en" : nil
        case contactsKey: return flag(value) == nil ? "must be true or false" : nil
        default: return "unknown key"
        }
    }

    static func flag(_ v: String) -> Bool? {
        switch v.trimmingASCIIWhitespace().lowercased() {
        case "true": true
        case "false": false
        default: nil
        }
    }

    public func describe() -> [(key: String, value: String)] {
        [
            (Self.scheduleKey, schedule.map(DigestDeliverySettings.describe) ?? "off"),
            (Self.languageKey, language.rawValue), (Self.contactsKey, contacts ? "true" : "false"),
        ]
    }
}
