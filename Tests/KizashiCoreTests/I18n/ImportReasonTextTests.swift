import Testing

@testable import KizashiCore

/// Issue 28 item 8: a rejected row's reason in Japanese on the import page. The English reasons
/// are taken from the functions that write them where they can be called alone, so a reworded
/// reason fails here instead of falling back to English unnoticed; the Japanese is written by hand.
@Suite("Import reasons in Japanese")
struct ImportReasonTextTests {
    static func reason<T>(_ r: Result<T, FieldProblem>) -> String {
        if case .failure(let p) = r { return p.reason }
        Issue.record("expected a failure")
        return ""
    }

    @Test("every field rule's reason, read back in Japanese with its values")
    func fieldReasons() {
        let utc = WorkspaceTimeZone(identifier: "UTC")!
        let cases: [(String, String)] = [
            (
                Self.reason(CanonicalField.day("2026-13-01")),
                "日付として読めません（YYYY-MM-DD 形式。シートの取り込みでは 2026/9/1 や 2026年9月1日 も可）"
            ),
            (
                Self.reason(CanonicalField.timestamp("yesterday", timeZone: utc)),
                "日時として読めません（ISO 8601 形式、例：2026-10-01T09:30:00+09:00。シートの取り込みでは 2026/10/1 9:30 も可）"
            ),
            (Self.reason(CanonicalField.bool("maybe")), "真偽値として読めません（true/false、1/0、yes/no のいずれか）"),
            (Self.reason(CanonicalField.money("¥1,000")), "数値として読めません（通貨記号や桁区切りは使えません）"),
            (Self.reason(CanonicalField.money("-5")), "負の値は使えません"),
            (
                Self.reason(CanonicalField.enumeration("pending", OpportunityStatus.self)),
                "使えない値です（使える値：open, won, lost）"
            ),
        ]
        for (english, japanese) in cases {
            #expect(ImportReasonText.text(english, .ja) == japanese, "\(english)")
            #expect(ImportReasonText.text(english, .en) == english)
        }
    }

    @Test("row, reference, sheet and connector reasons, with the values carried over")
    func otherReasons() {
        let cases: [(String, String)] = [
            ("a value is required", "値が必要です"),
            ("the row has 3 fields but the header has 5", "この行は 3 列ですが、ヘッダーは 5 列です"),
            ("malformed CSV: a quoted field is never closed", "CSV の形式が正しくありません：引用符が閉じられていません"),
            ("bytes that are not valid Shift_JIS", "Shift_JIS として読めないバイト列があります"),
            ("is required when status is won", "status が won のときは必須です"),
            ("is before created_on (2026-08-01)", "created_on（2026-08-01）より前の日付です"),
            (
                "unknown company_id C9: not in the workspace nor in this import",
                "company_id の C9 はワークスペースにもこの取り込みにもありません"
            ),
            (
                "names several companies by name: C1 サクラ精機 (東京都); C2 サクラ精機 (大阪府); give the company ID, 法人番号 or region (never guessed)",
                "name で複数の企業に当たります（C1 サクラ精機 (東京都); C2 サクラ精機 (大阪府)）。企業 ID・法人番号・地域のいずれかを指定してください（推測はしません）"
            ),
            (
                "\"Hot\" is not in the value map for lifecycle (the map lists hot, warm; values are case-sensitive)",
                "「Hot」は lifecycle の値の対応表にありません（対応表の値：hot, warm。大文字と小文字は区別されます）"
            ),
            // A reason inside a reason: both read back.
            (
                "company \"acme.example\" no company has this ID, 法人番号, domain or name; import the company first",
                "企業「acme.example」：この ID・法人番号・ドメイン・社名の企業がありません。先に企業を取り込んでください"
            ),
            (
                "leadId \"42\" no contact has this ID or e-mail address; import the contact first",
                "leadId「42」：この ID・メールアドレスの担当者がいません。先に担当者を取り込んでください"
            ),
            ("\"7A\" is not an integer 0–100", "「7A」は 0〜100 の整数ではありません"),
        ]
        for (english, japanese) in cases {
            #expect(ImportReasonText.text(english, .ja) == japanese, "\(english)")
        }
    }

    @Test("a reason of no known shape is shown as written, never dropped")
    func unknownShape() {
        #expect(ImportReasonText.text("something new went wrong", .ja) == "something new went wrong")
    }
}
