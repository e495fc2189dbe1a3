import KizashiCore
import Testing

/// `StringNumbering`: the dense keys the roll-ups, touches and committees index arrays with.
@Suite("String numbering")
struct StringNumberingTests {
    @Test("numbers in the order first seen; a string seen again keeps its number")
    func firstSeen() {
        var n = StringNumbering()
        // C2 first (0), then C1 (1), C2 again (0), C3 (2).
        #expect([n.number(of: "C2"), n.number(of: "C1"), n.number(of: "C2"), n.number(of: "C3")] == [0, 1, 0, 2])
        #expect(n.strings == ["C2", "C1", "C3"])
        #expect(n.count == 3)
    }

    @Test("starting from a list: numbered by position, a repeated entry keeps its first number, new ones follow")
    func fromExisting() {
        // A roll-up's accountIds may hold an ID twice (KPIComputation.adding kept the first).
        var n = StringNumbering(["A", "B", "A"])
        #expect(n.number(of: "A") == 0)
        #expect(n.number(of: "B") == 1)
        #expect(n.count == 3)
        #expect(n.number(of: "D") == 3)  // appended after the three listed
        #expect(n.strings == ["A", "B", "A", "D"])
    }
}
