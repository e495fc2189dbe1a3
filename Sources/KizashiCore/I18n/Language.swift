/// UI language.
public enum Language: String, CaseIterable, Sendable {
    case ja, en

    /// The one the language switch offers.
    public var other: Language {
        switch self {
        case .ja: .en
        case .en: .ja
        }
    }
}
