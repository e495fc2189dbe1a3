import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiServer
import Testing

/// Periods at the ends of the calendar over HTTP (found while reading schemathesis's cases):
/// a custom period typed in December 9999, or a quarter of year 1 whose trend reaches year 0,
/// reached a force unwrap and would have stopped the server. Each is now an answer — a report,
/// or a 400 naming the parameter — and the server goes on answering.
@Suite("Periods at the ends of the calendar")
struct CalendarEndsTests {
    @Test("every route that reads a period answers the calendar's ends without stopping")
    func ends() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        try await w.test { client in
            let b = try await Browser.login(client, role: .viewer)
            let cases: [(String, HTTPResponse.Status)] = [
                ("/api/v1/kpis?start=9999-12-01&end=9999-12-31", .ok),
                ("/api/v1/kpis?period=9999Q4", .ok),
                ("/api/v1/kpis?period=0001Q1", .ok),
                ("/api/v1/kpis?period=0000Q1", .badRequest),
                ("/api/v1/kpis?period=-001Q1", .badRequest),
                ("/api/v1/kpis/monthly?from=0001-01&to=0001-12", .ok),
                ("/api/v1/report.xlsx?period=0001Q1", .ok),
                ("/api/v1/report.xlsx?period=9999Q4", .ok),
                ("/api/v1/journey?start=9999-12-01&end=9999-12-31", .ok),
                ("/api/v1/attribution?period=9999-12", .ok),
                ("/?period=0001-01", .ok),
            ]
            for (uri, status) in cases {
                let r = try await client.execute(uri: uri, method: .get, headers: b.headers)
                #expect(r.status == status, "\(uri)")
            }
            // Still answering.
            let after = try await client.execute(uri: "/api/v1/kpis?period=2026Q3", method: .get, headers: b.headers)
            #expect(after.status == .ok)
        }
    }
}
