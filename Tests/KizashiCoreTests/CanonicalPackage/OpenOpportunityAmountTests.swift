import KizashiCore
import Testing

/// data-format.md, opportunities: `amount` may be empty for an `open` deal (not known yet), and
/// stays required for `won` and `lost`.
@Suite("Opportunities: an open deal may have no amount")
struct OpenOpportunityAmountTests {
    @Test("an open deal without amount parses with amount nil; won and lost without amount are bad rows")
    func emptyAmount() throws {
        let rows = try CanonicalRowTests.parse(
            .opportunities,
            """
            opportunity_id,company_id,created_on,amount,status,closed_on
            O1,C1,2026-07-01,,open,
            O2,C1,2026-07-01,,won,2026-07-02
            O3,C1,2026-07-01,,lost,2026-07-02
            O4,C1,2026-07-01,0,open,

            """)
        #expect(rows.count == 4)
        if case .opportunity(let o) = CanonicalRowTests.value(rows[0]) {
            #expect(o.amount == nil)
            #expect(o.summedAmount == 0)
        } else {
            Issue.record("O1 must parse: \(String(describing: CanonicalRowTests.issue(rows[0])))")
        }
        #expect(CanonicalRowTests.issue(rows[1])?.column == "amount")
        #expect(CanonicalRowTests.issue(rows[1])?.reason == "is required when status is won")
        #expect(CanonicalRowTests.issue(rows[2])?.column == "amount")
        #expect(CanonicalRowTests.issue(rows[2])?.reason == "is required when status is lost")
        if case .opportunity(let o) = CanonicalRowTests.value(rows[3]) {
            #expect(o.amount == 0)
        } else {
            Issue.record("O4 (amount 0) must parse")
        }
    }

    @Test("a file without an amount column is accepted (amount is no longer a required column)")
    func noAmountColumn() throws {
        let rows = try CanonicalRowTests.parse(
            .opportunities,
            """
            opportunity_id,company_id,created_on,status
            O1,C1,2026-07-01,open

            """)
        if case .opportunity(let o) = CanonicalRowTests.value(rows[0]) {
            #expect(o.amount == nil)
        } else {
            Issue.record("must parse: \(String(describing: CanonicalRowTests.issue(rows[0])))")
        }
    }

    @Test("the writer leaves an unknown amount empty (a lossless round trip)")
    func writerLeavesEmpty() throws {
        let o = Opportunity(id: "O1", companyId: "C1", createdOn: Day(iso: "2026-07-01")!, amount: nil, status: .open)
        var out: [UInt8] = []
        CanonicalCSVWriter.appendLine(for: .opportunity(o), timeZone: .tokyo, to: &out)
        // opportunity_id, company_id, name, created_on, amount, term_months, status, closed_on, stage, source
        #expect(String(decoding: out, as: UTF8.self).hasPrefix("O1,C1,,2026-07-01,,,open,,,"))
    }
}
