import Testing

@testable import KizashiStore

/// `AccountPositions` maps company_key → the company's position in the PostgreSQL KPI dataset:
/// keys up to twice the row count + 1024 in an array, farther keys in a dictionary.
@Suite("PostgreSQL: account positions")
struct AccountPositionsTests {
    @Test("near keys, far keys, negative and unknown keys")
    func positions() {
        // Three rows: the limit is 3 × 2 + 1024 = 1030, so 4 and 1030 sit in the array, 1031 and
        // Int64.max beyond it (a hostile key must neither size the array nor overflow).
        let far = AccountPositions([4, 1031, 1030])
        #expect(far[4] == 0)
        #expect(far[1031] == 1)
        #expect(far[1030] == 2)
        #expect(far[5] == -1)
        #expect(far[-3] == -1)
        #expect(far[2000] == -1)
        let huge = AccountPositions([Int64.max, 2, -1])
        #expect(huge[Int64.max] == 0)
        #expect(huge[2] == 1)
        #expect(huge[-1] == -1)  // a row without a key (−1) is no account
        #expect(huge[0] == -1)
        #expect(AccountPositions([])[0] == -1)
    }
}
