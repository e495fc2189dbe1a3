/// When `kizashi serve` writes back to a CRM on its own (issue 27 §1), read from the workspace
/// settings like `DigestDeliverySettings`; not scoring parameters, so the KPI JSON does not
/// change when they do. One set per provider (`hubspot`, `salesforce`):
///
/// - `crm.<provider>.schedule` (`DigestSchedule`'s grammar: `daily 06:00`, `mon,thu 09:00`;
///   default off): when. Each slot is run by one server of those sharing the workspace.
/// - `crm.<provider>.lang` (`ja` or `en`; default `ja`): the language of the reasons written.
/// - `crm.<provider>.contacts` (`true` or `false`; default `false`): also write the contacts.
public struct CRMSyncSettings: Sendable, Equatable {
    public var schedule: DigestSchedule?
    public var language = Language.ja
    public var contacts = false
    public var provider = "hubspot"

    /// The providers with a write-back, in the order settings are listed.
    public static let providers = ["hubspot", "salesforce"]
    public static let scheduleKey = "crm.hubspot.schedule"
    public static let languageKey = "crm.hubspot.lang"
    public static let contactsKey = "crm.hubspot.contacts"
    public static func scheduleKey(_ provider: String) -> String { "crm.\(provider).schedule" }
    public static func languageKey(_ provider: String) -> String { "crm.\(provider).lang" }
    public static func contactsKey(_ provider: String) -> String { "crm.\(provider).contacts" }

    public init(provider: String = "hubspot") { self.provider = provider }

    /// Reads the settings of `provider`; a stored value `problem` would refuse falls back to the
    /// default, so the scheduler never fails on a setting.
    public init(settings: [String: String], provider: String = "hubspot") {
        self.provider = provider
        if let v = settings[Self.scheduleKey(provider)], case .success(let s) = DigestSchedule.parse(v) {
            schedule = s
        }
        if let v = settings[Self.languageKey(provider)], let l = Language(rawValue: v.trimmingASCIIWhitespace()) {
            language = l
        }
        if let v = settings[Self.contactsKey(provider)], let b = Self.flag(v) { contacts = b }
    }

    public static let keys: [(key: String, help: String)] = [
        (scheduleKey, "HubSpot write-back: when serve runs it, e.g. daily 06:00, mon,thu 09:00 (default off)"),
        (languageKey, "HubSpot write-back: language of kizashi_reasons, ja or en (default ja)"),
        (
            contactsKey,
            "HubSpot write-back: also write the contacts imported from HubSpot, true or false (default false)"
        ),
        (
            scheduleKey("salesforce"),
            "Salesforce write-back: when serve runs it, e.g. daily 06:00, mon,thu 09:00 (default off)"
        ),
        (languageKey("salesforce"), "Salesforce write-back: language of Kizashi_Reasons__c, ja or en (default ja)"),
        (
            contactsKey("salesforce"),
            "Salesforce write-back: also write the contacts imported from Salesforce, true or false (default false)"
        ),
    ]

    public static func isKey(_ key: String) -> Bool { keys.contains { $0.key == key } }

    /// Why `value` is not acceptable for `key`, or nil.
    public static func problem(key: String, value: String) -> String? {
        guard isKey(key) else { return "unknown key" }
        if key.hasSuffix(".schedule") {
            if case .failure(let p) = DigestSchedule.parse(value) { return p.reason }
            return nil
        }
        if key.hasSuffix(".lang") {
            return Language(rawValue: value.trimmingASCIIWhitespace()) == nil ? "must be ja or en" : nil
        }
        return flag(value) == nil ? "must be true or false" : nil
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
            (Self.scheduleKey(provider), schedule.map(DigestDeliverySettings.describe) ?? "off"),
            (Self.languageKey(provider), language.rawValue), (Self.contactsKey(provider), contacts ? "true" : "false"),
        ]
    }
}
