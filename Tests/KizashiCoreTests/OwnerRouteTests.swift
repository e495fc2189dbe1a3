import KizashiCore
import Testing

/// The owner route's matching and checks (issue 27 §3).
@Suite("Owner routes: matching and validation")
struct OwnerRouteTests {
    @Test("owners match trimmed and ASCII case-insensitively; other letters as written")
    func key() {
        #expect(OwnerRoute.key("  Emily Clark ") == "emily clark")
        #expect(OwnerRoute.key("EMILY CLARK") == OwnerRoute.key("emily clark"))
        #expect(OwnerRoute.key("佐藤 健一") == "佐藤 健一")
        // Full-width Ｅ (U+FF25) is not ASCII: left alone, so it is a different owner.
        #expect(OwnerRoute.key("Ｅmily") != OwnerRoute.key("emily"))
        // Non-ASCII case is not folded (É stays É).
        #expect(OwnerRoute.key("Émile") == "Émile")
    }

    @Test("names: empty, over 120 characters or with control characters are refused, naming the field")
    func names() throws {
        #expect(try OwnerRoute.validOwner("  佐藤  ").get() == "佐藤")
        #expect(try OwnerRoute.validOwner(String(repeating: "あ", count: 120)).get().count == 120)
        for bad in ["", "   ", String(repeating: "a", count: 121), "Sato\r\nBcc: x@example.com", "a\u{0}b"] {
            guard case .failure(let p) = OwnerRoute.validOwner(bad) else {
                Issue.record("\(bad.debugDescription) was accepted")
                continue
            }
            #expect(p.field == "owner")
        }
        #expect(
            OwnerRoute.validOwner(String(repeating: "a", count: 121))
                == .failure(OwnerRouteProblem(field: "owner", reason: "must be at most 120 characters")))
    }

    @Test("addresses: plain local@domain, at most 5, duplicates (any ASCII case) dropped, blanks skipped")
    func emails() throws {
        #expect(
            try OwnerRoute.validEmails(commaSeparated: " a@example.com, ,A@EXAMPLE.COM,b@example.co.jp").get()
                == ["a@example.com", "b@example.co.jp"])
        for bad in ["not-an-address", "a@b", "a b@example.com", "<a@example.com>", "a@example.com\r\nRCPT TO:<x@y.z>"] {
            guard case .failure(let p) = OwnerRoute.validEmails([bad]) else {
                Issue.record("\(bad.debugDescription) was accepted")
                continue
            }
            #expect(p.field == "emails")
        }
        let six = (1...6).map { "u\($0)@example.com" }
        #expect(
            OwnerRoute.validEmails(six)
                == .failure(OwnerRouteProblem(field: "emails", reason: "at most 5 addresses per owner")))
    }

    @Test("each owner's accounts on a day: the latest active membership, as the alert rules read it")
    func accounts() {
        let d = { (s: String) in Day(iso: s)! }
        // The q3 fixture's targets.csv.
        let targets = [
            TargetMembership(companyId: "C1", tier: .one, addedOn: d("2026-01-01"), owner: "佐藤"),
            TargetMembership(
                companyId: "C2", tier: .two, addedOn: d("2026-01-01"), removedOn: d("2026-09-30"), owner: "佐藤"),
            TargetMembership(
                companyId: "C3", tier: .two, addedOn: d("2026-02-01"), removedOn: d("2026-10-01"), owner: "鈴木"),
            TargetMembership(
                companyId: "C5", tier: .three, addedOn: d("2025-01-01"), removedOn: d("2025-06-01"), owner: "鈴木"),
            TargetMembership(companyId: "C5", tier: .three, addedOn: d("2026-08-01"), owner: "鈴木"),
            TargetMembership(companyId: "C6", tier: .three, addedOn: d("2026-09-30"), owner: "高橋"),
            TargetMembership(companyId: "C7", tier: .one, addedOn: d("2026-10-01"), owner: "高橋"),
            TargetMembership(companyId: "C8", tier: .one, addedOn: d("2026-01-01"), owner: nil),
        ]
        // 2026-09-30: C2 left that day (removed_on is exclusive); C3 is still in; C7 not yet.
        #expect(
            OwnerRoute.accountsByOwner(targets, on: d("2026-09-30"))
                == ["佐藤": ["C1"], "鈴木": ["C3", "C5"], "高橋": ["C6"]])
        // 2026-10-01: C3 left, C7 arrived.
        #expect(
            OwnerRoute.accountsByOwner(targets, on: d("2026-10-01"))
                == ["佐藤": ["C1"], "鈴木": ["C5"], "高橋": ["C6", "C7"]])
    }
}
