import Foundation
import KizashiCore
import KizashiStore
import Testing

@testable import KizashiApp

/// The read model after an import that only adds activities (issue 23: the first page after an
/// import): the import says which rows are new, and the read model adds them instead of
/// reloading, with the same numbers as a fresh load.
///
/// Hand-worked on the Q3 fixture (its README, Phase 2): a new web visit of C6 at noon JST on
/// 09-30 (x = 0 days before L) gives C6 raw = 1·h(0) = 1, score = 100·(1 − e^(−1/50)) =
/// 1.9801326693244747; avg_engagement = (57.99922641517568 + 3.0234720593512954 +
/// 6.152216628530526 + 1.9801326693244747) / 4 = 17.288761943095494 (was 16.793728775764375).
/// Web visits in the period: 5 + 1 = 6, of targets {C1, C3, C5, C6}:
/// target_web_visit_rate = 4/4 = 1 (was 0.75), target_traffic_share = 4/6 (was 3/5).
@Suite("Read model: an import that only adds activities")
struct ImportReadModelPatchTests {
    static let q3 = KPIPeriod(label: "2026Q3")!
    static let header = "activity_id,occurred_at,type,company_id,contact_id,campaign_id,url,topic\n"
    /// A01 exactly as the fixture has it (sent again, as a daily export does).
    static let a01 = "A01,2026-09-30T23:59:00+09:00,web_visit,C1,P1,CMP1,/pricing,SFA\n"
    static let c6Visit = "A20,2026-09-30T12:00:00+09:00,web_visit,C6,,,/,\n"

    /// A package folder holding `files` (name → CSV text).
    static func package(_ files: [String: String]) throws -> String {
        let dir = Fixture.temporaryDirectory() + "/package"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
        return dir
    }

    static func run(_ files: [String: String], into store: any WorkspaceStore) async throws -> ImportService.Outcome {
        try await ImportService(store: store).run(
            .init(source: .canonical, paths: [try package(files)], options: .init(rejectedPath: nil)))
    }

    @Test("a re-sent row is not new; the new row is added; the numbers are those of a fresh load")
    func patched() async throws {
        let store = try await Fixture.handWorkedStore()
        defer { Task { try? await store.close() } }
        let data = DashboardData(store: store)
        let before = try await data.report(period: Self.q3, tier: nil)
        #expect(before["target_web_visit_rate"]?.doubleValue == 0.75)
        #expect(before["target_traffic_share"]?.doubleValue == 3.0 / 5)

        let mark = await data.importBegan()
        let outcome = try await Self.run(["activities.csv": Self.header + Self.a01 + Self.c6Visit], into: store)
        let added = try #require(outcome.addedActivitiesOnly)
        #expect(added.map(\.id) == ["A20"])
        await data.importCommitted(mark, activities: added)

        let after = try await data.report(period: Self.q3, tier: nil)
        #expect(after["target_web_visit_rate"]?.doubleValue == 1)
        #expect(after["target_traffic_share"]?.doubleValue == 4.0 / 6)
        #expect(abs((after["avg_engagement"]?.doubleValue ?? 0) - 17.288761943095494) < 1e-9)
        let fresh = try await DashboardData(store: store).report(period: Self.q3, tier: nil)
        #expect(after.json() == fresh.json())
    }

    /// A20 is on 09-30: the Q2 report (L = 06-30) cannot change and is kept; Q3's is made again.
    @Test("reports of periods that ended before the added rows are kept; the others are made again")
    func earlierReportsKept() async throws {
        let store = try await Fixture.handWorkedStore()
        defer { Task { try? await store.close() } }
        let data = DashboardData(store: store)
        let q2 = KPIPeriod(label: "2026Q2")!
        _ = try await data.report(period: q2, tier: nil)
        _ = try await data.report(period: Self.q3, tier: nil)
        #expect(await data.reports.count == 2)
        let mark = await data.importBegan()
        let outcome = try await Self.run(["activities.csv": Self.header + Self.c6Visit], into: store)
        await data.importCommitted(mark, activities: try #require(outcome.addedActivitiesOnly))
        #expect(await data.reports.values.map(\.period) == [q2])
        let fresh = DashboardData(store: store)
        #expect(
            try await data.report(period: q2, tier: nil).json()
                == (try await fresh.report(period: q2, tier: nil).json()))
        let q3 = try await data.report(period: Self.q3, tier: nil)
        #expect(q3["target_traffic_share"]?.doubleValue == 4.0 / 6)
        #expect(q3.json() == (try await fresh.report(period: Self.q3, tier: nil).json()))
    }

    @Test("a load that began after the import began is dropped, not given the rows twice")
    func loadedDuringImport() async throws {
        let store = try await Fixture.handWorkedStore()
        defer { Task { try? await store.close() } }
        let data = DashboardData(store: store)
        let mark = await data.importBegan()
        let outcome = try await Self.run(["activities.csv": Self.header + Self.c6Visit], into: store)
        // Loaded after the rows were written: it has A20 already.
        _ = try await data.report(period: Self.q3, tier: nil)
        await data.importCommitted(mark, activities: try #require(outcome.addedActivitiesOnly))
        // Twice would be 7 web visits and 4/7.
        let after = try await data.report(period: Self.q3, tier: nil)
        #expect(after["target_traffic_share"]?.doubleValue == 4.0 / 6)
    }

    @Test("other entities, a changed row or an ID written twice make the read model reload")
    func reloads() async throws {
        let store = try await Fixture.handWorkedStore()
        defer { Task { try? await store.close() } }
        // A company file with rows: another entity changed.
        let company = "company_id,name\nC9,株式会社テスト\n"
        let withCompany = try await Self.run(
            ["companies.csv": company, "activities.csv": Self.header + Self.c6Visit], into: store)
        #expect(withCompany.wroteData)
        #expect(withCompany.addedActivitiesOnly == nil)
        // A01 again with another contact: a stored row that differs.
        let changed = try await Self.run(
            ["activities.csv": Self.header + "A01,2026-09-30T23:59:00+09:00,web_visit,C1,P2,CMP1,/pricing,SFA\n"],
            into: store)
        #expect(changed.addedActivitiesOnly == nil)
        // The same new ID twice in one import.
        let twice = try await Self.run(
            [
                "activities.csv": Self.header + "A21,2026-09-29T12:00:00+09:00,web_visit,C6,,,/,\n"
                    + "A21,2026-09-29T13:00:00+09:00,web_visit,C6,,,/,\n"
            ], into: store)
        #expect(twice.addedActivitiesOnly == nil)
        // A dry run wrote nothing.
        let dry = try await ImportService(store: store).run(
            .init(
                source: .canonical,
                paths: [
                    try Self.package([
                        "activities.csv": Self.header + "A22,2026-09-29T12:00:00+09:00,web_visit,C6,,,/,\n"
                    ])
                ],
                options: .init(rejectedPath: nil, dryRun: true)))
        #expect(dry.addedActivitiesOnly == nil)
    }
}

/// The day's ranking features after such an import: the kept ones rank the list at once (a page
/// never waits for them), and they are read again in the background.
@Suite("Read model: ranking features after an import")
struct ImportRankingRefreshTests {
    /// C6's engagement feature (the score ÷ 100, `PropensityFeatures.engagementIndex`): 0 in the
    /// fixture, 1.9801326693244747 / 100 after A20 (worked in ImportReadModelPatchTests).
    static func c6Engagement(_ data: DashboardData, _ day: Day) async -> Double? {
        await data.rankingChoice(asOf: day)?.features.first { $0.companyId == "C6" }?
            .values[PropensityFeatures.engagementIndex]
    }

    @Test("the kept features answer at once; the fresh ones replace them after the delay")
    func refreshed() async throws {
        let store = try await Fixture.handWorkedStore()
        defer { Task { try? await store.close() } }
        let data = DashboardData(store: store)
        let day = Day(iso: "2026-09-30")!
        #expect(await Self.c6Engagement(data, day) == 0)

        let mark = await data.importBegan()
        let outcome = try await ImportReadModelPatchTests.run(
            ["activities.csv": ImportReadModelPatchTests.header + ImportReadModelPatchTests.c6Visit], into: store)
        await data.importCommitted(mark, activities: try #require(outcome.addedActivitiesOnly))
        #expect(await Self.c6Engagement(data, day) == 0)

        var seen: Double?
        for _ in 0..<100 {
            seen = await Self.c6Engagement(data, day)
            if seen != 0 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(abs((seen ?? 0) - 0.019801326693244747) < 1e-12, "\(String(describing: seen))")
    }
}
