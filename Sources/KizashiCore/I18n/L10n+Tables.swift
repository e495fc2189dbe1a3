/// The tables made from others rather than written out in `Strings/` (see its README).
extension L10n {
    /// `kpi.<key>`: each KPI's name as the catalog states it (kpis.md's Japanese names).
    static let kpiNames: [String: (en: String, ja: String)] = Dictionary(
        uniqueKeysWithValues: KPICatalog.all.map { ("kpi.\($0.key)", (en: $0.en, ja: $0.ja)) })

    /// The workspace settings as the Settings page describes them (`setting.<key>`): the written
    /// descriptions, and an engagement weight per activity type named after the type.
    static let settings: [String: (en: String, ja: String)] = {
        var t = settingDescriptions
        for type in ActivityType.allCases {
            let name = L10n.domain["activity.\(type.rawValue)"] ?? (type.rawValue, type.rawValue)
            t["setting.weights.\(type.rawValue)"] = ("engagement weight of \(name.en)", "「\(name.ja)」の重み")
        }
        return t
    }()

    /// The import page's column mapping editor (issue 28 item 9): its words, each canonical
    /// field's name and each enumerated value's (so a Japanese page shows 意思決定者, never
    /// decision_maker).
    static let importEditor: [String: (en: String, ja: String)] = editorWords.merging(fieldNames) { a, _ in a }
        .merging(valueNames) { a, _ in a }
}
