/// The values an enumerated canonical column accepts (data-format.md): the import page's mapping
/// editor offers a value map for these columns only, and checks each chosen value against them.
public enum CanonicalValueSet {
    /// The accepted values of `column` in `entity`, in the order the editor lists them; nil when
    /// the column takes free text, numbers or dates.
    public static func allowed(_ column: String, of entity: CanonicalEntity) -> [String]? {
        switch (entity, column) {
        case (.contacts, "role"): ContactRole.allCases.map(\.rawValue)
        case (.activities, "type"): ActivityType.allCases.map(\.rawValue)
        case (.intent, "kind"): IntentKind.allCases.map(\.rawValue)
        case (.leadStages, "stage"): LeadStage.allCases.map(\.rawValue)
        case (.meetings, "kind"): MeetingKind.allCases.map(\.rawValue)
        case (.opportunities, "status"): OpportunityStatus.allCases.map(\.rawValue)
        case (.targets, "tier"): Tier.allCases.map { String($0.rawValue) }
        case (.campaigns, "abm"): ["true", "false"]
        default: nil
        }
    }

    /// The localisation key of an accepted value's label (`importval.role.decision_maker`).
    public static func labelKey(_ column: String, _ value: String) -> String { "importval.\(column).\(value)" }
}
