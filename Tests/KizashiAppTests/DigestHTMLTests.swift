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

    @Test("signals: the accounts page's own figures on the signals' day (2026-09-30 for Q3 as of 10-01)")
    func signalsMatchTheAccountsPage() async throws {
        let (d, store) = try await DigestServiceTests.digest()
        defer { Task { try? await store.close() } }
        let s = try #require(d.signals)
        // Q3's last day, 09-30, is before the as-of day's eve (09-30): min(09-30, 09-30).
        #expect(s.day == Day(iso: "2026-09-30"))
        let list = try await DashboardData(store: store).accountList(asOf: s.day)
        let byId = Dictionary(uniqueKeysWithValues: list.rows.map { ($0.companyId, $0) })
        for a in s.risers + s.fallers + s.newSurges + s.competitorResearch {
            #expect(byId[a.companyId]?.score == a.score && byId[a.companyId]?.scoreChange7d == a.change)
        }
        let rises = list.rows.filter { $0.scoreChange7d > 0 }.count
        let falls = list.rows.filter { $0.scoreChange7d < 0 }.count
        #expect(s.risers.count == min(5, rises) && s.fallers.count == min(5, falls))
        #expect(s.risers.allSatisfy { $0.change > 0 } && s.fallers.allSatisfy { $0.change < 0 })
        #expect(zip(s.risers, s.risers.dropFirst()).allSatisfy { $0.change >= $1.change })
    }
}
