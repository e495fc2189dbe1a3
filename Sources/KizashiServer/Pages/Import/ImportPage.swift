import KizashiCore

/// The import page: pick a file, preview (a dry run: detected entity, encoding, columns,
/// rejected rows), then import, with upload progress. The work is done by POST /api/v1/imports.
struct ImportView {
    let lang: Language
    let canEdit: Bool

    func render() -> String {
        var h = "<section class=\"panel\"><p>\(L10n.t("import.help", lang))</p>"
        guard canEdit else { return h + "<p class=\"notice\">editor role required</p></section>" }
        h +=
            "<form id=\"import-form\" class=\"toolbar\"><label>\(L10n.t("import.file", lang))<input type=\"file\" id=\"import-file\" accept=\".csv,.zip,.xlsx,text/csv,application/zip\" required></label>"
        h += "<label>\(L10n.t("import.source", lang))<select id=\"import-source\">"
        for (value, label) in Self.sources { h += "<option value=\"\(value)\">\(label)</option>" }
        h += "</select></label>"
        h += "<label>\(L10n.t("import.entity", lang))<select id=\"import-entity\"><option value=\"\">(zip)</option>"
        for e in CanonicalEntity.importOrder { h += "<option value=\"\(e.rawValue)\">\(e.rawValue)</option>" }
        h += "</select></label><label>strict<input type=\"checkbox\" id=\"import-strict\"></label>"
        h +=
            "<button type=\"button\" class=\"primary\" id=\"import-preview\">\(L10n.t("import.preview", lang))</button>"
        h += "<button type=\"button\" class=\"primary\" id=\"import-run\">\(L10n.t("import.run", lang))</button></form>"
        h += "<progress id=\"import-progress\" max=\"100\" value=\"0\" hidden aria-label=\"upload\"></progress>"
        h += "<div id=\"import-result\" aria-live=\"polite\"></div></section>"
        h +=
            "<section class=\"panel\"><h2>Export</h2><p><a class=\"button\" href=\"/api/v1/export\">kizashi-package.zip</a></p></section>"
        h += "<script src=\"/static/import.js\" defer></script>"
        return h
    }

    /// The formats of `kizashi import --from`, offered on the page (value, label).
    static let sources: [(String, String)] = [
        ("canonical", "Kizashi package (CSV / zip)"), ("salesforce", "Salesforce"), ("hubspot", "HubSpot"),
        ("marketo", "Marketo (activities)"),
        ("bombora", "Bombora Company Surge"), ("intent", "Intent (domain, topic, score, date)"),
        ("nta", "法人番号 (NTA)"), ("sheet", "Spreadsheet (CSV / .xlsx, its own headers → entity)"),
    ]

    static let script = """
        // Uploads with XMLHttpRequest for its upload progress events; renders the JSON report.
        (function () {
          function esc(s) { return String(s).replace(/[&<>"']/g, function (c) {
            return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]; }); }
          function send(dry) {
            var f = document.getElementById('import-file').files[0];
            var out = document.getElementById('import-result');
            if (!f) { out.innerHTML = '<p class="error">Choose a file.</p>'; return; }
            var q = [];
            var source = document.getElementById('import-source').value;
            var entity = document.getElementById('import-entity').value;
            if (source === 'sheet') {
              if (!entity) { out.innerHTML = '<p class="error">Choose the entity the sheet holds.</p>'; return; }
              q.push('source=sheet'); q.push('entity=' + encodeURIComponent(entity));
            } else if (source !== 'canonical') { q.push('source=' + encodeURIComponent(source)); q.push('filename=' + encodeURIComponent(f.name)); }
            else if (entity) q.push('entity=' + encodeURIComponent(entity));
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
              if (x.status >= 400) { out.innerHTML = '<p class="error">' + esc(j.title) + ': ' + esc(j.detail) + '</p>'; if (!j.files) return; }
              if (j.source) {
                var c = '<p>' + (j.dry_run ? 'Preview' : 'Imported') + ' (' + esc(j.source) + ', ' + esc(j.encoding) + '): ' + j.mapped + ' of ' + j.rows_read + ' rows mapped, ' + j.rejected_total + ' rejected.</p><ul>';
                (j.notes || []).forEach(function (n) { c += '<li>' + esc(n) + '</li>'; });
                Object.keys(j.skipped || {}).forEach(function (k) { c += '<li>skipped ' + j.skipped[k] + ': ' + esc(k) + '</li>'; });
                c += '</ul>';
                if ((j.rejected || []).length) {
                  c += '<table><thead><tr><th>line</th><th>where</th><th>reason</th></tr></thead><tbody>';
                  j.rejected.slice(0, 20).forEach(function (r) { c += '<tr><td>' + r.line + '</td><td>' + esc(r.column) + '</td><td>' + esc(r.reason) + '</td></tr>'; });
                  c += '</tbody></table>';
                }
                out.innerHTML = c; return;
              }
              var h = '<p>' + (j.dry_run ? 'Preview' : (j.committed ? 'Imported' : 'Not imported')) + ': ' + j.imported + ' / ' + j.rows_read + ' rows, ' + j.rejected_total + ' rejected.</p>';
              h += '<table><thead><tr><th>file</th><th>entity</th><th>encoding</th><th>rows</th><th>rejected</th><th>warnings</th></tr></thead><tbody>';
              (j.files || []).forEach(function (r) { h += '<tr><td>' + esc(r.file) + '</td><td>' + esc(r.entity) + '</td><td>' + esc(r.encoding) + '</td><td>' + r.rows_read + '</td><td>' + r.rejected + '</td><td>' + esc(r.warnings.join('; ')) + '</td></tr>'; });
              h += '</tbody></table>';
              (j.files || []).forEach(function (r) {
                if (!r.columns || !r.columns.length) return;
                h += '<p>' + esc(r.file) + ': ' + r.columns.map(function (c) { return esc(c.header) + ' → ' + (c.column ? esc(c.column) : '(ignored)'); }).join(', ') + '</p>';
              });
              if ((j.rejected || []).length) {
                h += '<table><thead><tr><th>file</th><th>line</th><th>column</th><th>reason</th></tr></thead><tbody>';
                j.rejected.slice(0, 20).forEach(function (r) { h += '<tr><td>' + esc(r.file) + '</td><td>' + r.line + '</td><td>' + esc(r.column) + '</td><td>' + esc(r.reason) + '</td></tr>'; });
                h += '</tbody></table>';
              }
              if (j.rejected_csv) h += '<p><a class="button" href="' + esc(j.rejected_csv) + '">Rejected rows (CSV)</a></p>';
              out.innerHTML = h;
            };
            x.onerror = function () { bar.hidden = true; out.innerHTML = '<p class="error">Upload failed.</p>'; };
            x.send(f);
          }
          document.getElementById('import-preview').addEventListener('click', function () { send(true); });
          document.getElementById('import-run').addEventListener('click', function () { send(false); });
        })();
        """
}
