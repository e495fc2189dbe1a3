import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// The HTML review and the "accounts that moved" section on the hand-worked Q3 fixture.
@Suite("Digest: HTML and signals on the hand-worked fixture")
struct DigestHTMLTests {
    @Test("HTML: one page, every section, names from the data escaped")
    func html() async throws {
        let (d, store) = try await DigestServiceTests.digest()
        defer { Task { try? await store.close() } }
        let page = DigestHTML.render(d, language: .ja)
        #expect(page.hasPrefix("<!DOCTYPE html><html lang=\"ja\">") && page.hasSuffix("</html>\n"))
        // The initiative "ウェビナー <!channel> | *告知*" is text, never markup.
        #expect(page.contains("ウェビナー &lt;!channel&gt; | *告知*"))
        #expect(!page.contains("<!channel>"))
        for key in [
            "digest.section.kpis", "digest.section.bottleneck", "digest.section.funnel", "digest.section.approachNow",
            "digest.section.campaigns", "digest.section.initiatives",
        ] {
            #expect(page.contains("<h2>\(L10n.t(key, .ja))</h2>"), "\(key)")
        }
        // Every KPI of the catalog has its row (its Japanese name in a cell).
        for k in KPICatalog.all { #expect(page.contains(">\(HTMLText.escape(k.name(.ja)))</td>"), "\(k.key)") }
        // Opening and closing tags balance for the elements the page uses.
        for tag in ["table", "tr", "td", "ul", "li", "ol", "h2", "h3"] {
            let opens =
                page.components(separatedBy: "<\(tag)>").count + page.components(separatedBy: "<\(tag) ").count - 2
            #expect(opens == page.components(separatedBy: "</\(tag)>").count - 1, "\(tag)")
        }
    }

    @Test("signals: the accounts page's own scores on 2026-09-30 and on 06-30, the day before Q3 (as of 10-01)")
    func signalsMatchTheAccountsPage() async throws {
        let (d, store) = try await DigestServiceTests.digest()
        defer { Task { try? await store.close() } }
        let s = try #require(d.signals)
        // Q3's last day, 09-30, is before the as-of day's eve (09-30): min(09-30, 09-30). The changes
        // run from the day before Q3 began, 06-30 (earlier than 09-30 − 7).
        #expect(s.day == Day(iso: "2026-09-30") && s.since == Day(iso: "2026-06-30"))
        let list = try await DashboardData(store: store).accountList(asOf: s.day)
        let then = try await DashboardData(store: store).accountList(asOf: Day(iso: "2026-06-30")!)
        let byId = Dictionary(uniqueKeysWithValues: list.rows.map { ($0.companyId, $0) })
        let before = Dictionary(uniqueKeysWithValues: then.rows.map { ($0.companyId, $0.score) })
        func change(_ id: String) -> Double { before[id].map { byId[id]!.score - $0 } ?? 0 }
        for a in s.risers + s.fallers {
            #expect(byId[a.companyId]?.score == a.score && change(a.companyId) == a.change)
        }
        let rises = list.rows.filter { change($0.companyId) > 0 }.count
        let falls = list.rows.filter { change($0.companyId) < 0 }.count
        #expect(s.risers.count == min(5, rises) && s.fallers.count == min(5, falls))
        #expect(s.risers.allSatisfy { $0.change > 0 } && s.fallers.allSatisfy { $0.change < 0 })
        #expect(zip(s.risers, s.risers.dropFirst()).allSatisfy { $0.change >= $1.change })
    }

    @Test("a weekly review's changes are the accounts page's 7-day changes (09-23 → 09-30)")
    func weeklySignals() async throws {
        let (_, store) = try await DigestServiceTests.digest()
        defer { Task { try? await store.close() } }
        let data = DashboardData(store: store)
        // last-week as of 10-01: 09-24 … 09-30; the day before it began, 09-23, is 7 days before 09-30.
        let week = try #require(DigestPeriod.resolve("last-week", asOf: Day(iso: "2026-10-01")!))
        let d = try await DigestService(store: store, data: data).digest(
            period: week, asOf: Day(iso: "2026-10-01")!, tier: nil)
        let s = try #require(d.signals)
        #expect(s.day == Day(iso: "2026-09-30") && s.since == Day(iso: "2026-09-23"))
        let byId = Dictionary(
            uniqueKeysWithValues: try await data.accountList(asOf: s.day).rows.map { ($0.companyId, $0) })
        #expect(!(s.risers + s.fallers).isEmpty)
        for a in s.risers + s.fallers {
            let row = try #require(byId[a.companyId])
            #expect(abs(row.scoreChange7d - a.change) < 1e-9, "\(a.companyId)")
        }
    }
}
