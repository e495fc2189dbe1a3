import Foundation
import HTTPTypes
import Hummingbird
import KizashiApp
import KizashiCore
import KizashiStore

/// The first-party tag: `/t.js` and the endpoint it posts page views to, `/api/v1/collect`.
///
/// One line on the customer's site: `<script src="https://kizashi.example/t.js" data-key="SITE_KEY" async></script>`.
/// The site key is publishable and write-only: it can send `page` events and nothing else. The
/// tag respects Do Not Track and an optional consent flag, keeps its visitor id in the site's own
/// localStorage (no third-party cookie) and sends with `navigator.sendBeacon`.
enum CollectRoutes {
    static func add(to router: Router<KizashiRequestContext>, services: ServerServices) {
        router.get("/t.js") { _, _ in
            Responses.text(
                tag, contentType: "text/javascript; charset=utf-8",
                extra: [.cacheControl: "max-age=3600", .accessControlAllowOrigin: "*"])
        }
        router.on("/api/v1/collect", method: .options) { _, _ in
            Response(status: .noContent, headers: cors)
        }
        router.post("/api/v1/collect") { request, context in
            // Do Not Track and Global Privacy Control are honoured here too, not only in the tag:
            // a visitor's browser says no, so nothing is read or stored.
            if request.headers[dnt] == "1" || request.headers[gpc] == "1" {
                return Response(status: .noContent, headers: cors)
            }
            let now = services.now()
            if let wait = await services.collectLimiter.admit(address: context.clientAddress, now: now) {
                throw ProblemDetails.tooManyRequests(retryAfter: wait)
            }
            guard let key = request.query("k"), key.utf8.count <= 100, try await services.store.isActiveSiteKey(key)
            else {
                throw ProblemDetails(
                    status: .unauthorized, title: "Unknown site key",
                    detail: "The tag's data-key is not an active site key of this workspace (Settings → Tracking tag).")
            }
            if let wait = await services.collectLimiter.admit(siteKey: key, now: now) {
                throw ProblemDetails.tooManyRequests(retryAfter: wait)
            }
            let buffer = try await request.body.collect(upTo: 64 * 1024)
            guard let posted = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) else {
                throw ProblemDetails.badRequest("the body must be one JSON event")
            }
            let policy = CollectorPolicy(settings: try await services.store.settings())
            let event: [String: Any]
            switch PageViewBeacon.event(
                from: posted, clientAddress: context.clientAddress, userAgent: request.headers[.userAgent],
                limits: policy.limits, newMessageId: { UUID().uuidString.lowercased() })
            {
            case .success(let e): event = e
            case .failure(.notAPageView):
                throw ProblemDetails(
                    status: .forbidden, title: "Not allowed", detail: PageViewBeacon.Refusal.notAPageView.description)
            case .failure(.invalid(let reason)): throw ProblemDetails.badRequest(reason)
            }
            let summary = try await services.ingestEvents([event])
            guard summary.rejected.isEmpty else {
                throw ProblemDetails.badRequest(summary.rejected[0].reason)
            }
            return Response(status: .noContent, headers: cors)
        }
    }

    static let dnt = HTTPField.Name("DNT")!
    static let gpc = HTTPField.Name("Sec-GPC")!

    static let cors: HTTPFields = [
        .accessControlAllowOrigin: "*", .accessControlAllowMethods: "POST, OPTIONS",
        .accessControlAllowHeaders: "Content-Type",
    ]

    /// Our own small script: no third-party code.
    static let tag = """
        (function () {
          var s = document.currentScript; if (!s) return;
          var key = s.getAttribute('data-key'); if (!key) return;
          // Do Not Track, and the site's consent flag when it asks for one (data-consent="required").
          if (navigator.doNotTrack === '1' || window.doNotTrack === '1' || navigator.globalPrivacyControl === true) return;
          if (s.getAttribute('data-consent') === 'required' && window.kizashiConsent !== true) return;
          if (window.kizashiConsent === false) return;
          var endpoint = new URL('/api/v1/collect', s.src).href + '?k=' + encodeURIComponent(key);
          function id() { return (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random()); }
          var aid; try { aid = localStorage.getItem('kz_aid'); if (!aid) { aid = id(); localStorage.setItem('kz_aid', aid); } } catch (e) { aid = id(); }
          function page() {
            var body = JSON.stringify({type: 'page', messageId: id(), anonymousId: aid,
              context: {page: {url: location.href, path: location.pathname, referrer: document.referrer, title: document.title}},
              properties: {url: location.href, path: location.pathname, title: document.title}});
            var blob = new Blob([body], {type: 'text/plain'});
            if (!(navigator.sendBeacon && navigator.sendBeacon(endpoint, blob))) {
              fetch(endpoint, {method: 'POST', body: body, keepalive: true, mode: 'cors', headers: {'Content-Type': 'text/plain'}});
            }
          }
          page();
          window.kizashi = {page: page};
        })();
        """
}
