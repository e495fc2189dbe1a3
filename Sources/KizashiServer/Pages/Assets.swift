/// The stylesheet and script, served from memory at /static/…: no build step, no CDN.
enum Assets {
    /// The favicon: 兆 on the brand colour (also served at /favicon.ico, which browsers ask for).
    static let favicon = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#0b5fff"/><text x="32" y="46" font-size="40" text-anchor="middle" fill="#fff" font-family="sans-serif">兆</text></svg>
        """

    static let css = """
        :root{--ink:#1d2330;--muted:#5b6475;--line:#d9dee7;--bg:#f6f7fa;--card:#fff;--brand:#0b5fff;--good:#0a7a3d;--bad:#b3261e;--warn:#8a5a00;
        font-family:"Noto Sans CJK JP","Noto Sans JP","Hiragino Sans","Yu Gothic",system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);background:var(--bg)}
        *{box-sizing:border-box}[hidden]{display:none!important}body{margin:0;line-height:1.5}a{color:var(--brand)}
        .skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:6px;z-index:9}
        header.top{display:flex;flex-wrap:wrap;align-items:center;gap:12px;padding:10px 20px;background:#101828;color:#fff}
        header.top .brand{font-weight:700;font-size:18px;color:#fff;text-decoration:none;margin-right:12px}
        header.top nav{display:flex;flex-wrap:wrap;gap:4px;flex:1}
        header.top nav a{color:#d0d5dd;text-decoration:none;padding:6px 10px;border-radius:6px}
        header.top nav a[aria-current=page],header.top nav a:hover,header.top nav a:focus{background:#344054;color:#fff}
        header.top form{display:inline}header.top button.link{background:none;border:1px solid #667085;color:#fff;border-radius:6px;padding:4px 10px;cursor:pointer}
        header.top .who{color:#98a2b3;font-size:13px}
        main{max-width:1280px;margin:0 auto;padding:20px}
        h1{font-size:22px;margin:4px 0 16px}h2{font-size:17px;margin:24px 0 10px}
        .toolbar{display:flex;flex-wrap:wrap;gap:10px;align-items:end;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px;margin-bottom:16px}
        .toolbar label{display:flex;flex-direction:column;font-size:12px;color:var(--muted);gap:2px}
        input,select,button,textarea{font:inherit}input,select,textarea{border:1px solid #98a2b3;border-radius:6px;padding:5px 8px;background:#fff;color:var(--ink)}
        button.primary,a.button{background:var(--brand);color:#fff;border:0;border-radius:6px;padding:7px 14px;cursor:pointer;text-decoration:none;display:inline-block}
        button:focus-visible,a:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid #84adff;outline-offset:1px}
        .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:12px}
        .card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 14px}
        .card h3{font-size:13px;font-weight:600;color:var(--muted);margin:0 0 4px}
        .card .value{font-size:26px;font-weight:700}
        .card .meta{font-size:12px;color:var(--muted)}.up{color:var(--good)}.down{color:var(--bad)}
        .card .spark{color:var(--brand);display:block;margin-top:6px}
        .attain{height:6px;background:#eaecf0;border-radius:3px;margin:6px 0}.attain span{display:block;height:6px;border-radius:3px;background:var(--good)}
        .attain.miss span{background:var(--warn)}
        .phase{margin-top:8px}.panel{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px;overflow-x:auto}
        svg.funnel{width:100%;max-width:760px;height:auto}svg.funnel .bar{fill:#84adff}svg.funnel .bar.bottleneck{fill:var(--bad)}
        svg.funnel text{font-size:13px;fill:var(--ink)}svg.funnel .fconv{fill:var(--muted)}
        svg.intervals{width:100%;max-width:760px;height:auto;color:var(--muted)}svg.intervals .ci.sure{color:var(--brand)}svg.intervals text{font-size:13px;fill:var(--ink)}
        svg.flow{width:100%;max-width:760px;height:auto}svg.flow .node{fill:#1d3a8a}svg.flow .band{fill:#98a2b3;opacity:.45}
        svg.flow .band.forward{fill:#84adff}svg.flow .band.back{fill:var(--warn)}svg.flow text{font-size:12px;fill:var(--ink)}
        svg.history{width:100%;max-width:760px;height:auto;color:var(--brand)}svg .grid{stroke:#eaecf0}svg .axis{font-size:10px;fill:var(--muted)}
        table{border-collapse:collapse;width:100%;background:var(--card);font-size:14px}
        th,td{text-align:left;padding:7px 9px;border-bottom:1px solid var(--line);vertical-align:top}
        th{font-size:12px;color:var(--muted);font-weight:600;white-space:nowrap}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
        .tag{display:inline-block;font-size:12px;padding:1px 7px;border-radius:10px;background:#eef4ff;color:#1d3a8a;margin:1px 2px}
        .tag.hot{background:#fee4e2;color:var(--bad)}.tag.ok{background:#dcfae6;color:var(--good)}
        .notice{background:#fffaeb;border:1px solid #fedf89;border-radius:8px;padding:10px 12px;margin:10px 0}
        .checklist{list-style:none;padding:0;margin:0}.checklist li{padding:4px 0}.checklist li.done a{color:var(--muted)}
        .error{background:#fef3f2;border:1px solid #fecdca;border-radius:8px;padding:10px 12px;margin:10px 0;color:var(--bad)}
        .grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:14px}
        dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:4px 14px;margin:0}dl.kv dt{color:var(--muted)}dl.kv dd{margin:0}
        .login{max-width:380px;margin:60px auto;background:var(--card);border:1px solid var(--line);border-radius:12px;padding:24px}
        .login label{display:block;margin:10px 0 4px}.login input{width:100%}
        .pager{display:flex;gap:10px;align-items:center;margin:10px 0}
        code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px}pre{background:#101828;color:#e4e7ec;padding:10px;border-radius:8px;overflow-x:auto}
        ol.now{list-style:none;padding:0;display:grid;gap:10px;grid-template-columns:repeat(auto-fill,minmax(380px,1fr))}ol.now>li{counter-increment:rank}ol.now h3{font-size:15px;color:var(--ink)}
        ol.now ul{margin:6px 0;padding-left:18px}details summary{cursor:pointer;color:var(--muted);font-size:13px}
        @media (max-width:700px){main{padding:10px}.cards{grid-template-columns:repeat(2,minmax(0,1fr));gap:8px}.card{padding:10px}.card .value{font-size:22px}header.top{padding:8px}th,td{padding:5px}}
        @media print{@page{size:A4 landscape;margin:10mm}
        :root{background:#fff}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}body{font-size:12px}
        header.top,nav,.skip,#setup,form[method=post],button,a.button,.pager,.toolbar>label,.toolbar>input{display:none!important}
        .toolbar{border:0;padding:0;margin:0 0 8px;background:none}main{max-width:none;padding:0}a{color:inherit;text-decoration:none}
        .cards{grid-template-columns:repeat(4,minmax(0,1fr));gap:8px}.panel{overflow:visible}
        .card,.panel>svg,svg,figure,.attain,.notice{break-inside:avoid;page-break-inside:avoid}
        h1,h2,h3{break-after:avoid;page-break-after:avoid}thead{display:table-header-group}
        tr,th,td{break-inside:avoid;page-break-inside:avoid}}
        """

    static let js = """
        // Kizashi: small progressive enhancements; every page works without them.
        document.addEventListener('DOMContentLoaded', function () {
          var kind = document.getElementById('period-kind');
          function sync() {
            if (!kind) return;
            document.querySelectorAll('[data-period]').forEach(function (el) {
              el.hidden = el.getAttribute('data-period') !== kind.value;
            });
          }
          if (kind) { kind.addEventListener('change', sync); sync(); }
          // Live pages: when the workspace changes (an event, an import), fetch the page again and
          // swap its content in place — no reload, scroll position kept.
          if (document.body.dataset.live && window.EventSource) {
            var source = new EventSource('/api/v1/stream');
            var busy = false;
            source.addEventListener('change', function () {
              if (busy) return;
              busy = true;
              fetch(location.href, {credentials: 'same-origin'}).then(function (r) { return r.text(); }).then(function (html) {
                var doc = new DOMParser().parseFromString(html, 'text/html');
                var fresh = doc.querySelector('main');
                if (fresh) document.querySelector('main').innerHTML = fresh.innerHTML;
              }).catch(function () {}).finally(function () { busy = false; });
            });
            window.addEventListener('beforeunload', function () { source.close(); });
          }
          var icp = document.getElementById('icp-json');
          var out = document.getElementById('icp-count');
          if (icp && out) {
            var timer = null;
            icp.addEventListener('input', function () {
              clearTimeout(timer);
              timer = setTimeout(function () {
                fetch('/api/v1/icp/preview', {method: 'POST', headers: {'Content-Type': 'application/json',
                  'X-CSRF-Token': document.querySelector('meta[name=csrf-token]').content}, body: icp.value})
                  .then(function (r) { return r.json(); })
                  .then(function (j) { out.textContent = j.matches !== undefined ? j.matches : (j.detail || ''); })
                  .catch(function () {});
              }, 400);
            });
          }
          // The IP-range table: the chosen file's bytes posted as they are; the server checks every row.
          var ipFile = document.getElementById('ip-ranges-file');
          var ipStatus = document.getElementById('ip-ranges-status');
          if (ipFile && ipStatus) {
            ipFile.addEventListener('change', function () {
              var f = ipFile.files[0];
              if (!f) return;
              fetch('/settings/ip-ranges?filename=' + encodeURIComponent(f.name), {method: 'POST',
                credentials: 'same-origin', headers: {'Content-Type': 'text/csv',
                  'X-CSRF-Token': document.querySelector('meta[name=csrf-token]').content}, body: f})
                .then(function (r) { return r.json(); })
                .then(function (j) {
                  if (j.imported !== undefined) { location.href = '/settings?saved=ipranges#ip-ranges'; }
                  else { ipStatus.textContent = j.detail || ''; }
                })
                .catch(function () {});
            });
          }
          // The ICP form: the same count for the ticks and ranges, before saving.
          var icpForm = document.getElementById('icp-form');
          if (icpForm && out) {
            var formTimer = null;
            var recount = function () {
              clearTimeout(formTimer);
              formTimer = setTimeout(function () {
                fetch('/settings/icp/count', {method: 'POST', credentials: 'same-origin',
                  headers: {'Content-Type': 'application/x-www-form-urlencoded',
                    'X-CSRF-Token': document.querySelector('meta[name=csrf-token]').content},
                  body: new URLSearchParams(new FormData(icpForm)).toString()})
                  .then(function (r) { return r.json(); })
                  .then(function (j) { out.textContent = j.matches !== undefined ? j.matches : (j.detail || ''); })
                  .catch(function () {});
              }, 300);
            };
            icpForm.addEventListener('input', recount);
            icpForm.addEventListener('change', recount);
          }
        });
        """
}
