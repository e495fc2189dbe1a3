import KizashiCore

/// The import page: pick a file, preview (a dry run: detected entity, encoding, columns,
/// rejected rows), then import, with upload progress. The work is done by POST /api/v1/imports.
struct ImportView {
    let lang: Language
    let canEdit: Bool

    func render() -> String {
        func t(_ key: String) -> String { L10n.t(key, lang) }
        var h = "<section class=\"panel\"><p>\(t("import.help"))</p>"
        guard canEdit else { return h + "<p class=\"notice\">\(t("import.editorRequired"))</p></section>" }
        h +=
            "<form id=\"import-form\" class=\"toolbar\"><label>\(t("import.file"))<input type=\"file\" id=\"import-file\" accept=\".csv,.zip,.xlsx,text/csv,application/zip\" required></label>"
        h += "<label>\(t("import.source"))<select id=\"import-source\">"
        for value in Self.sources { h += "<option value=\"\(value)\">\(esc(t("import.source.\(value)")))</option>" }
        h += "</select></label>"
        h +=
            "<label>\(t("import.entity"))<select id=\"import-entity\"><option value=\"\">\(t("import.entity.zip"))</option>"
        for e in CanonicalEntity.importOrder {
            h += "<option value=\"\(e.rawValue)\">\(esc(t("entity.\(e.rawValue)")))</option>"
        }
        h +=
            "</select></label><label title=\"\(esc(t("import.mapping.help")))\">\(t("import.mapping"))<input type=\"file\" id=\"import-mapping\" accept=\".yaml,.yml,.json,.txt\"></label>"
        h +=
            "<label title=\"\(esc(t("import.strict.help")))\">\(t("import.strict"))<input type=\"checkbox\" id=\"import-strict\"></label>"
        h +=
            "<button type=\"button\" class=\"primary\" id=\"import-preview\">\(t("import.preview"))</button>"
        h += "<button type=\"button\" class=\"primary\" id=\"import-run\">\(t("import.run"))</button></form>"
        h +=
            "<progress id=\"import-progress\" max=\"100\" value=\"0\" hidden aria-label=\"\(esc(t("import.progress")))\"></progress>"
        h += "<div id=\"import-result\" aria-live=\"polite\"></div></section>"
        h +=
            "<section class=\"panel\"><h2>\(t("import.export"))</h2><p><a class=\"button\" href=\"/api/v1/export\">kizashi-package.zip</a></p></section>"
        // The script's words, in the page's language (the script itself is the same for everyone).
        let words = JSONValue.object(Self.scriptKeys.map { ($0, .string(t("import.js.\($0)"))) })
        h +=
            "<script id=\"import-words\" type=\"application/json\">\(words.serialized().replacingOccurrences(of: "<", with: "\\u003c"))</script>"
        h += "<script src=\"/static/import.js\" defer></script>"
        return h
    }

    /// The formats of `kizashi import --from`, offered on the page (their names: `import.source.*`).
    static let sources = ["canonical", "salesforce", "hubspot", "marketo", "bombora", "intent", "nta", "sheet"]

    /// Words the script shows (`import.js.*`).
    static let scriptKeys = [
        "chooseFile", "chooseEntity", "preview", "imported", "notImported", "rows", "of", "mapped", "rejected",
        "skipped", "line", "where", "reason", "file", "entity", "encoding", "warnings", "column", "ignored",
        "rejectedCSV", "uploadFailed", "editMapping",
    ]

    static let script = """
        // Uploads with XMLHttpRequest for its upload progress events; renders the JSON report.
        (function () {
          var T = JSON.parse(document.getElementById('import-words').textContent);
          function esc(s) { return String(s).replace(/[&<>"']/g, function (c) {
            return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]; }); }
          // A rejected row's reason in the page's language (the API gives reason and reason_ja).
          function reasonText(r) {
            return (document.documentElement.lang === 'ja' && r.reason_ja) ? r.reason_ja : r.reason; }
          // A sheet that failed or was previewed is kept on the server: its mapping editor's link.
          function editorLink(j) {
            if (!j.editor || j.editor.indexOf('/import/mapping/') !== 0 || !/^[A-Za-z0-9_-]+$/.test(j.editor.slice(16))) return '';
            return '<p><a class="button primary" id="import-edit-mapping" href="' + esc(j.editor) + '">' + esc(T.editMapping) + '</a></p>';
          }
          // The mapping file (columns, value maps, or a whole export's files) goes as ?mapping=.
          function send(dry) {
            var m = document.getElementById('import-mapping').files[0];
            if (m) { m.text().then(function (text) { upload(dry, text); }); } else { upload(dry, null); }
          }
          function upload(dry, mapping) {
            var f = document.getElementById('import-file').files[0];
            var out = document.getElementById('import-result');
            if (!f) { out.innerHTML = '<p class="error">' + esc(T.chooseFile) + '</p>'; return; }
            var q = [];
            var source = document.getElementById('import-source').value;
            var entity = document.getElementById('import-entity').value;
            if (source === 'sheet') {
              // A zip of a whole export with a mapping naming its files needs no entity.
              if (!entity && !(mapping && /\\.zip$/.test(f.name.toLowerCase()))) { out.innerHTML = '<p class="error">' + esc(T.chooseEntity) + '</p>'; return; }
              q.push('source=sheet'); q.push('filename=' + encodeURIComponent(f.name));
              if (entity) q.push('entity=' + encodeURIComponent(entity));
            } else if (source !== 'canonical') { q.push('source=' + encodeURIComponent(source)); q.push('filename=' + encodeURIComponent(f.name)); }
            else if (entity) q.push('entity=' + encodeURIComponent(entity));
            if (mapping) q.push('mapping=' + encodeURIComponent(mapping));
            if (dry) q.push('dry_run=1');
            if (document.getElementById('import-strict').checked) q.push('strict=1');
            var bar = document.getElementById('import-progress');
            bar.hidden = false; bar.value = 0;
            var x = new XMLHttpRequest();
            x.open('POST', '/api/v1/imports?' + q.join('&'));
            x.setRequestHeader('X-CSRF-Token', document.querySelector('meta[name=csrf-token]').content);
            x.setRequestHeader('Content-Type', /\\.(zip|xlsx)$/.test(f.name.toLowerCase()) ? 'application/zip' : 'text/csv');
            x.upload.onprogress = function (e) { if (e.lengthComputable) bar.value = 100 * e.loaded / e.total; };
            x.onload = function () {
              bar.hidden = true;
              var j; try { j = JSON.parse(x.responseText); } catch (e) { out.innerHTML = '<p class="error">' + esc(x.statusText) + '</p>'; return; }
              if (x.status >= 400) { out.innerHTML = '<p class="error">' + esc(j.title) + ': ' + esc(j.detail) + '</p>' + editorLink(j); if (!j.files) return; }
              if (j.source) {
                var c = '<p>' + (j.dry_run ? T.preview : T.imported) + ' (' + esc(j.source) + ', ' + esc(j.encoding) + '): ' + j.mapped + ' / ' + j.rows_read + ' ' + esc(T.mapped) + ', ' + esc(T.rejected) + ' ' + j.rejected_total + '</p><ul>';
                (j.notes || []).forEach(function (n) { c += '<li>' + esc(n) + '</li>'; });
                Object.keys(j.skipped || {}).forEach(function (k) { c += '<li>' + esc(T.skipped) + ' ' + j.skipped[k] + ': ' + esc(k) + '</li>'; });
                c += '</ul>';
                if ((j.rejected || []).length) {
                  c += '<table><thead><tr><th>' + esc(T.line) + '</th><th>' + esc(T.where) + '</th><th>' + esc(T.reason) + '</th></tr></thead><tbody>';
                  j.rejected.slice(0, 20).forEach(function (r) { c += '<tr><td>' + r.line + '</td><td>' + esc(r.column) + '</td><td>' + esc(reasonText(r)) + '</td></tr>'; });
                  c += '</tbody></table>';
                }
                out.innerHTML = c; return;
              }
              var h = '<p>' + (j.dry_run ? T.preview : (j.committed ? T.imported : T.notImported)) + ': ' + j.imported + ' / ' + j.rows_read + ' ' + esc(T.rows) + ', ' + esc(T.rejected) + ' ' + j.rejected_total + '</p>';
              h += '<table><thead><tr><th>' + esc(T.file) + '</th><th>' + esc(T.entity) + '</th><th>' + esc(T.encoding) + '</th><th>' + esc(T.rows) + '</th><th>' + esc(T.rejected) + '</th><th>' + esc(T.warnings) + '</th></tr></thead><tbody>';
              (j.files || []).forEach(function (r) { h += '<tr><td>' + esc(r.file) + '</td><td>' + esc(r.entity) + '</td><td>' + esc(r.encoding) + '</td><td>' + r.rows_read + '</td><td>' + r.rejected + '</td><td>' + esc(r.warnings.join('; ')) + '</td></tr>'; });
              h += '</tbody></table>';
              (j.files || []).forEach(function (r) {
                if (!r.columns || !r.columns.length) return;
                h += '<p>' + esc(r.file) + ': ' + r.columns.map(function (c) { return esc(c.header) + ' → ' + (c.column ? esc(c.column) : esc(T.ignored)); }).join(', ') + '</p>';
              });
              if ((j.rejected || []).length) {
                h += '<table><thead><tr><th>' + esc(T.file) + '</th><th>' + esc(T.line) + '</th><th>' + esc(T.column) + '</th><th>' + esc(T.reason) + '</th></tr></thead><tbody>';
                j.rejected.slice(0, 20).forEach(function (r) { h += '<tr><td>' + esc(r.file) + '</td><td>' + r.line + '</td><td>' + esc(r.column) + '</td><td>' + esc(reasonText(r)) + '</td></tr>'; });
                h += '</tbody></table>';
              }
              if (j.rejected_csv) h += '<p><a class="button" href="' + esc(j.rejected_csv) + '">' + esc(T.rejectedCSV) + '</a></p>';
              out.innerHTML = h + editorLink(j);
            };
            x.onerror = function () { bar.hidden = true; out.innerHTML = '<p class="error">' + esc(T.uploadFailed) + '</p>'; };
            x.send(f);
          }
          document.getElementById('import-preview').addEventListener('click', function () { send(true); });
          document.getElementById('import-run').addEventListener('click', function () { send(false); });
        })();
        """
}
