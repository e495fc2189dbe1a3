import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// The journey use case over a real SQLite workspace (the small demo): its different paths agree
/// with each other. The figures themselves are hand-worked in KizashiCoreTests/Journey.
@Suite("Journey service on a workspace")
struct JourneyServiceTests {
    @Test("stages of one day, the movement report's end, one account's history and coverage agree")
    func pathsAgree() async throws {
        let dir = Fixture.temporaryDirectory()
        let db = dir + "/w.sqlite"
        #expect(try CLI.run(["demo", "--scale", "small", "--as-of", "2026-11-20", "--db", db]).0 == 0)
        let store = try await WorkspaceLocation.open(db)
        let service = JourneyService(store: store)
        let period = KPIPeriod.quarter(year: 2026, quarter: 3)
        let report = try await service.movement(period: period)
        let stages = try await service.stages(on: period.lastDay)
        // The report's end counts are the stages of its last day.
        for s in JourneyStage.allCases {
            #expect(report.accounts.atEnd[s.rawValue] == stages.filter { $0.stage == s }.count, "\(s)")
        }
        #expect(!stages.isEmpty)
        // One account's history ends in its stage of that day.
        for a in stages.prefix(8) {
            let h = try await service.history(companyId: a.companyId, days: (period.start - 1)...period.lastDay)
            #expect(h.last?.stage == a.stage, "\(a.companyId)")
        }
        // One account's coverage is its entry in the whole list.
        let all = try await service.coverage(on: period.lastDay)
        #expect(all.map(\.companyId) == stages.map(\.companyId))
        for c in all.prefix(8) {
            #expect(try await service.coverage(companyId: c.companyId, on: period.lastDay) == c, "\(c.companyId)")
        }
        #expect(try await service.coverage(companyId: "no-such-company", on: period.lastDay) == nil)
        try await store.close()
    }
}
