import KizashiApp
import KizashiCore

/// What the column mapping editor shows (issue 28 item 9), in the page's language: one row per
/// column of the uploaded sheet with a select of the entity's fields, one value-map table per
/// column mapped to an enumerated field, and what the last preview or import did.
struct ImportEditorModel {
    struct Option {
        var value: String
        var label: String
        var selected: Bool
    }
    struct ColumnRow {
        var name: String
        var header: String
        var samples: String
        var options: [Option]
    }
    struct ValueRow {
        var name: String
        var value: String
        var options: [Option]
    }
    struct ValueTable {
        var title: String
        var rows: [ValueRow]
    }
    struct Rejected {
        var line: Int
        var reason: String
    }

    var action: String
    var intro: String
    var facts: String
    /// Messages above the form: (css class, text).
    var messages: [(kind: String, text: String)] = []
    var columns: [ColumnRow] = []
    var valueTables: [ValueTable] = []
    var rejected: [Rejected] = []
    var rejectedLink: String?
    /// The import was written: the draft is gone, no form is shown.
    var done = false

    init(_ e: SheetMappingEditor.Editing, lang: Language, rejectedLink: String?) {
        func t(_ key: String, _ args: String...) -> String { L10n.t(key, lang, arguments: args) }
        let p = e.preview
        action = "/import/mapping/\(e.token)"
        intro = t("importedit.help", e.draft.filename)
        facts = t(
            "importedit.entity", t("entity.\(p.entity.rawValue)"), NumberText.grouped(p.headerRow),
            NumberText.grouped(p.dataRows))
        let required = Set(p.entity.requiredColumns)
        // A name is a company's, a person's, a deal's or a campaign's: the entity's own label first.
        func fieldName(_ f: String) -> String {
            let own = "importcol.\(p.entity.rawValue).\(f)"
            return L10n.table[own] != nil ? t(own) : t("importcol.\(f)")
        }
        func fieldLabel(_ f: String) -> String {
            fieldName(f) + (required.contains(f) ? " *" : "")
        }
        if let problem = e.problem { messages.append(("error", t("importedit.invalid", problem))) }
        if let problem = p.mappingProblem { messages.append(("error", t("importedit.invalid", problem))) }
        if !p.missing.isEmpty {
            messages.append(
                (
                    "error",
                    t("importedit.missing", p.missing.map(fieldName).joined(separator: t("importedit.separator")))
                ))
        }
        if let failure = e.failure { messages.append(("error", t("importedit.failed", e.draft.filename, failure))) }
        if let r = e.report {
            let key = r.dryRun ? "importedit.result.preview" : "importedit.result.imported"
            messages.append(
                (
                    "notice",
                    t(
                        key, e.draft.filename, NumberText.grouped(r.dryRun ? r.rowsRead - r.rejectedTotal : r.imported),
                        NumberText.grouped(r.rowsRead), NumberText.grouped(r.rejectedTotal))
                ))
            rejected = r.firstRejected.prefix(20).map { Rejected(line: $0.line, reason: $0.reason) }
            self.rejectedLink = r.rejectedTotal > 0 ? rejectedLink : nil
            done = !r.dryRun && r.committed
        }
        for c in p.columns {
            var options = [Option(value: "", label: t("importedit.ignore"), selected: c.field == nil)]
            options += p.fields.map { Option(value: $0, label: fieldLabel($0), selected: c.field == $0) }
            columns.append(
                ColumnRow(
                    name: "col.\(c.index)", header: SheetColumnPreview.shown(c.header),
                    samples: c.samples.joined(separator: t("importedit.separator")), options: options))
            guard let f = c.field, let allowed = CanonicalValueSet.allowed(f, of: p.entity) else { continue }
            let title = t("importedit.values", SheetColumnPreview.shown(c.header), fieldName(f))
            guard let distinct = c.distinct else {
                messages.append(("notice", t("importedit.tooMany", SheetColumnPreview.shown(c.header))))
                continue
            }
            let rows = distinct.enumerated().map { k, v in
                let chosen = c.values[v] ?? ""
                return ValueRow(
                    name: "val.\(c.index).\(k)", value: v,
                    options: [Option(value: "", label: t("importedit.asWritten"), selected: chosen.isEmpty)]
                        + allowed.map {
                            Option(
                                value: $0, label: t(CanonicalValueSet.labelKey(f, $0)), selected: chosen == $0)
                        })
            }
            if !rows.isEmpty { valueTables.append(ValueTable(title: title, rows: rows)) }
        }
    }
}
