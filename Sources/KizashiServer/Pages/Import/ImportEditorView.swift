import KizashiCore

/// The column mapping editor's page (issue 28 item 9); a plain form (no script), posted back to
/// itself with the preview or the import button.
struct ImportEditorView {
    /// nil: the draft expired, or is not the signed-in user's.
    let model: ImportEditorModel?
    let lang: Language
    let csrf: String

    func render() -> String {
        func t(_ key: String) -> String { L10n.t(key, lang) }
        guard let m = model else {
            return "<section class=\"panel\"><p class=\"error\" role=\"alert\">\(esc(t("importedit.expired")))</p>"
                + "<p><a class=\"button\" href=\"/import\">\(esc(t("importedit.back")))</a></p></section>"
        }
        // Once imported, the instructions no longer apply.
        var h = "<section class=\"panel\" id=\"mapping-editor\">" + (m.done ? "" : "<p>\(esc(m.intro))</p>")
        h += "<p>\(esc(m.facts))</p>"
        for message in m.messages {
            let role = message.kind == "error" ? "alert" : "status"
            h += "<p class=\"\(message.kind)\" role=\"\(role)\">\(esc(message.text))</p>"
        }
        if !m.rejected.isEmpty {
            h +=
                "<table><thead><tr><th>\(esc(t("importedit.line")))</th><th>\(esc(t("importedit.reason")))</th></tr></thead><tbody>"
            for r in m.rejected {
                h += "<tr><td>\(r.line)</td><td>\(esc(ImportReasonText.text(r.reason, lang)))</td></tr>"
            }
            h += "</tbody></table>"
        }
        if let link = m.rejectedLink {
            h += "<p><a class=\"button\" href=\"\(esc(link))\">\(esc(t("importedit.rejectedCSV")))</a></p>"
        }
        if m.done {
            return h + "<p><a class=\"button\" href=\"/import\">\(esc(t("importedit.back")))</a></p></section>"
        }
        h += "<form method=\"post\" action=\"\(esc(m.action))\" id=\"mapping-form\">"
        h += "<input type=\"hidden\" name=\"_csrf\" value=\"\(esc(csrf))\">"
        h += "<table><thead><tr><th>\(esc(t("importedit.column")))</th><th>\(esc(t("importedit.samples")))</th>"
        h += "<th>\(esc(t("importedit.field")))</th></tr></thead><tbody>"
        for c in m.columns {
            h += "<tr><td>\(esc(c.header))</td><td>\(esc(c.samples))</td><td>"
            h += select(c.name, c.options, label: c.header) + "</td></tr>"
        }
        h += "</tbody></table>"
        for table in m.valueTables {
            h += "<h3>\(esc(table.title))</h3><table><thead><tr><th>\(esc(t("importedit.value")))</th>"
            h += "<th>\(esc(t("importedit.becomes")))</th></tr></thead><tbody>"
            for r in table.rows {
                h += "<tr><td>\(esc(r.value))</td><td>" + select(r.name, r.options, label: r.value) + "</td></tr>"
            }
            h += "</tbody></table>"
        }
        h +=
            "<p class=\"toolbar\"><button type=\"submit\" class=\"primary\" name=\"action\" value=\"preview\" id=\"mapping-preview\">"
        h += "\(esc(t("importedit.preview")))</button>"
        h += "<button type=\"submit\" class=\"primary\" name=\"action\" value=\"import\" id=\"mapping-run\">"
        h += "\(esc(t("importedit.run")))</button></p></form>"
        h += "<p><a href=\"/import\">\(esc(t("importedit.back")))</a></p></section>"
        return h
    }

    func select(_ name: String, _ options: [ImportEditorModel.Option], label: String) -> String {
        var h = "<select name=\"\(esc(name))\" aria-label=\"\(esc(label))\">"
        for o in options {
            h += "<option value=\"\(esc(o.value))\"\(o.selected ? " selected" : "")>\(esc(o.label))</option>"
        }
        return h + "</select>"
    }
}
