import KizashiCore
import Testing

/// Issue 28 §10: the data-quality page was 11,000 px tall; its sections page by `ListPage`.
@Suite("Pages of a long list")
struct ListPageTests {
    @Test("125 rows by 50: pages 1–3 hold rows 0–49, 50–99 and 100–124")
    func pages() {
        let first = ListPage(total: 125, size: 50, requested: nil)
        #expect(first.count == 3 && first.number == 1 && first.rows == 0..<50)
        #expect(first.previous == nil && first.next == 2)
        let second = ListPage(total: 125, size: 50, requested: "2")
        #expect(second.rows == 50..<100 && second.previous == 1 && second.next == 3)
        let last = ListPage(total: 125, size: 50, requested: "3")
        #expect(last.rows == 100..<125 && last.next == nil)
        // Exactly two full pages: 100 / 50 = 2.
        #expect(ListPage(total: 100, size: 50, requested: "9").rows == 50..<100)
    }

    @Test("a hostile page number reads as page 1 or the last page, and nothing overflows")
    func hostile() {
        for bad in ["abc", "-1", "0", "", "1.5", "+2", "２", "0x10"] {
            #expect(ListPage(total: 125, size: 50, requested: bad).number == 1, "\(bad)")
        }
        // Int.max, and more digits than any Int: the last page (Int.max × 50 would overflow).
        for huge in ["9223372036854775807", "99999999999999999999999999999999"] {
            let p = ListPage(total: 125, size: 50, requested: huge)
            #expect(p.number == 3 && p.rows == 100..<125, "\(huge)")
        }
        let empty = ListPage(total: 0, size: 50, requested: "7")
        #expect(empty.count == 1 && empty.number == 1 && empty.rows == 0..<0)
    }
}
