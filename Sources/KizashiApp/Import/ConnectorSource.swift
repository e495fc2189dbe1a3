/// Where an import's files come from: `kizashi import --from SOURCE` and `POST /api/v1/imports?source=SOURCE`
/// name the same sources, and `ImportService` is the one place that dispatches on them.
public enum ConnectorSource: String, CaseIterable, Sendable {
    /// A canonical data package (data-format.md): a folder, a zip, or one file of `entity`.
    case canonical
    /// One CSV or .xlsx sheet with its own headers, imported as `entity` (SheetImporter).
    case sheet
    case salesforce, hubspot, marketo, bombora, intent, nta

    /// Sources read by `ConnectorImporter` (mapped onto canonical entities, not a package).
    public var isConnector: Bool { self != .canonical && self != .sheet }

    /// Sources whose import reads exactly one file.
    public var takesOneFile: Bool {
        switch self {
        case .canonical, .sheet, .intent, .nta: true
        case .salesforce, .hubspot, .marketo, .bombora: false
        }
    }

    /// "canonical, sheet, salesforce, …" for error messages and help.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
