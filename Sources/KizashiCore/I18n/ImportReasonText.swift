/// A rejected row's reason in the reader's language (issue 28 item 8: the import page spoke
/// English to a Japanese user). Reasons are written once, in English, where the row is judged:
/// `rejected.csv`, the CLI and the API's `reason` keep them as they are (scripts match on them).
/// The page shows this reading instead: each known shape of reason, with its values (a column,
/// a count, a date, the value itself) carried over. A reason of no known shape stays as written —
/// never dropped, so nothing is hidden from the user.
public enum ImportReasonText {
    public static func text(_ reason: String, _ lang: Language) -> String {
        guard lang == .ja else { return reason }
        for (pattern, japanese) in shapes {
            guard let m = try? pattern.wholeMatch(in: reason) else { continue }
            var out = japanese
            // $1…$9 carry a value over; $R1…$R9 carry over a reason quoted inside this one, itself
            // read back (`company "x" no company has…`).
            for i in stride(from: m.output.count - 1, through: 1, by: -1) {
                let value = m.output[i].substring.map(String.init) ?? ""
                out = out.replacingOccurrences(of: "$R\(i)", with: text(value, lang))
                out = out.replacingOccurrences(of: "$\(i)", with: value)
            }
            return out
        }
        return reason
    }

    /// English shape → Japanese, most specific first (the first whole match wins). The English is
    /// the reason as `CanonicalRowParser`, `CanonicalField`, `CSVTokenizer`, `SourceEncoding`,
    /// `RecordReferenceResolver`, `ReferenceCheck`, the sheet's value maps and date formats and
    /// the connectors write it. `nonisolated(unsafe)`: a `Regex` is never mutated once built, but
    /// the standard library does not mark it Sendable; compiling the table once keeps a page of
    /// 100 rejected rows from compiling 4,000 patterns.
    nonisolated(unsafe) static let shapes: [(Regex<AnyRegexOutput>, String)] = table.map { (try! Regex($0.0), $0.1) }

    static let table: [(String, String)] = [
        ("a value is required", "値が必要です"),
        (
            #"not a timestamp \(.*\)"#,
            "日時として読めません（ISO 8601 形式、例：2026-10-01T09:30:00+09:00。シートの取り込みでは 2026/10/1 9:30 も可）"
        ),
        (#"not a date \(.*\)"#, "日付として読めません（YYYY-MM-DD 形式。シートの取り込みでは 2026/9/1 や 2026年9月1日 も可）"),
        (#"not a boolean \(.*\)"#, "真偽値として読めません（true/false、1/0、yes/no のいずれか）"),
        (#"not a plain decimal number \(no currency signs or thousands separators\)"#, "数値として読めません（通貨記号や桁区切りは使えません）"),
        ("not a plain decimal number", "数値として読めません"),
        ("must not be negative", "負の値は使えません"),
        ("unknown value; allowed: (.+)", "使えない値です（使える値：$1）"),
        ("malformed CSV: text after a closing quote", "CSV の形式が正しくありません：閉じ引用符の後に文字があります"),
        ("malformed CSV: a quote inside an unquoted field", "CSV の形式が正しくありません：引用符で囲まれていない項目に引用符があります"),
        ("malformed CSV: a quoted field is never closed", "CSV の形式が正しくありません：引用符が閉じられていません"),
        ("malformed CSV: (.+)", "CSV の形式が正しくありません：$1"),
        (#"the row has (\d+) fields but the header has (\d+)"#, "この行は $1 列ですが、ヘッダーは $2 列です"),
        ("bytes that are not valid (.+)", "$1 として読めないバイト列があります"),
        (#"the record is longer than (\d+) bytes, the limit on one record"#, "1 行が上限の $1 バイトを超えています"),
        (#"must be after added_on \((.+)\)"#, "added_on（$1）より後の日付にしてください"),
        ("must be an integer from 0 to 100", "0〜100 の整数にしてください"),
        ("must be a whole number of months ≥ 1", "1 以上の整数（月数）にしてください"),
        ("is required when status is (.+)", "status が $1 のときは必須です"),
        (#"is before created_on \((.+)\)"#, "created_on（$1）より前の日付です"),
        (#"must be after start_on \((.+)\)"#, "start_on（$1）より後の日付にしてください"),
        (#"is before start_on \((.+)\)"#, "start_on（$1）より前の日付です"),
        (
            "no company has this ID, 法人番号, domain or name; import the company first",
            "この ID・法人番号・ドメイン・社名の企業がありません。先に企業を取り込んでください"
        ),
        (
            #"names several companies by (\S+): (.+); give the company ID, 法人番号 or region \(never guessed\)"#,
            "$1 で複数の企業に当たります（$2）。企業 ID・法人番号・地域のいずれかを指定してください（推測はしません）"
        ),
        (
            "no contact has this ID or e-mail address; import the contact first",
            "この ID・メールアドレスの担当者がいません。先に担当者を取り込んでください"
        ),
        ("names several contacts by e-mail: (.+); give the contact ID", "このメールアドレスの担当者が複数います（$1）。担当者 ID を指定してください"),
        (#"unknown (\S+) (.+): not in the workspace nor in this import"#, "$1 の $2 はワークスペースにもこの取り込みにもありません"),
        (
            #""(.*)" is not in the value map for (\S+) \(the map lists (.*); values are case-sensitive\)"#,
            "「$1」は $2 の値の対応表にありません（対応表の値：$3。大文字と小文字は区別されます）"
        ),
        (
            #""(.*)" is not a date in the mapping's date_format (\S+) \(a four-digit year; a time may follow as H:MM\)"#,
            "「$1」はマッピングの date_format（$2）の日付として読めません（年は 4 桁、後ろに H:MM の時刻も可）"
        ),
        (#"company "(.*)" (.+)"#, "企業「$1」：$R2"),
        (#"(\S+) "(.*)" ((?:no|names several) .+)"#, "$1「$2」：$R3"),
        ("empty domain", "ドメインが空です"),
        ("empty topic", "トピックが空です"),
        ("empty name", "名前が空です"),
        (#""(.*)" is not an integer 0–100"#, "「$1」は 0〜100 の整数ではありません"),
        (#""(.*)" is not a score 0–100"#, "「$1」は 0〜100 のスコアではありません"),
        (#""(.*)" is not a date YYYY-MM-DD"#, "「$1」は YYYY-MM-DD 形式の日付ではありません"),
        (#""(.*)" is not a timestamp"#, "「$1」は日時として読めません"),
        (#""(.*)" is not a number"#, "「$1」は数値ではありません"),
        (#""(.*)" fails the check digit"#, "「$1」はチェックディジットが合いません"),
        (#"unknown intent kind "(.*)""#, "インテントの種類「$1」は使えません"),
    ]
}
