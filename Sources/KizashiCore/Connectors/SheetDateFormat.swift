/// The order a sheet writes its dates in (`date_format` in a mapping file, issue 29): a US CRM
/// export writes `10/20/2016` (M/D/YYYY), a European one `20/10/2016` (D/M/YYYY). Which one a
/// file uses cannot be told from its values (`3/1/2017` reads both ways), so it is declared, never
/// guessed; without a declaration only year-first dates are read (ISO, `2026/9/1`, `2026年9月1日`).
///
/// Applied to the cells of date (`…_on`) and timestamp (`…_at`) columns before the canonical
/// checks: a declared-order value becomes ISO 8601 (`10/20/2016 9:05` → `2016-10-20T09:05:00`,
/// read in the workspace time zone as any local time); ISO values pass unchanged; anything else
/// is a bad row naming the declared format.
public struct SheetDateFormat: Sendable, Equatable {
    public enum Order: String, Sendable, Equatable {
        case monthDayYear = "M/D/YYYY"
        case dayMonthYear = "D/M/YYYY"
        case yearMonthDay = "YYYY-MM-DD"
    }

    public var order: Order

    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// Reads a declaration: the letters M, D and Y (any case, repeated or not) in the order the
    /// file writes them, with any separators: `M/D/YYYY`, `MM/DD/YYYY`, `dd.mm.yyyy`, `YYYY-MM-DD`.
    public init(_ text: String) throws(Problem) {
        var letters: [Character] = []
        for ch in text.uppercased() where ch == "M" || ch == "D" || ch == "Y" {
            if letters.last != ch { letters.append(ch) }
        }
        switch String(letters) {
        case "MDY": order = .monthDayYear
        case "DMY": order = .dayMonthYear
        case "YMD": order = .yearMonthDay
        default:
            throw Problem(
                description: "date_format \"\(text)\": use M/D/YYYY, D/M/YYYY or YYYY-MM-DD (the order of the parts)")
        }
    }

    public init(order: Order) { self.order = order }

    /// The value as ISO 8601, or nil when it is not a date in this format (ISO values pass).
    /// Bounded: at most 32 characters, and each number at most 4 digits, so no arithmetic can
    /// overflow on a hostile cell.
    public func iso(_ raw: String) -> String? {
        let v = raw.trimmingASCIIWhitespace()
        guard v.utf8.count <= 32 else { return nil }
        if Day(iso: v.prefix(10)) != nil, v.utf8.count == 10 || v.dropFirst(10).first == "T" { return v }
        var nums: [Int] = []
        var digits = 0
        var current = 0
        var separators: [Character] = []
        for ch in v {
            if ch.isASCII, let d = ch.wholeNumberValue {
                guard digits < 4 else { return nil }
                current = current * 10 + d
                digits += 1
            } else {
                guard digits > 0, ["/", "-", ".", " ", ":"].contains(ch) else { return nil }
                nums.append(current)
                separators.append(ch)
                current = 0
                digits = 0
            }
        }
        guard digits > 0 else { return nil }
        nums.append(current)
        guard nums.count == 3 || nums.count == 5 || nums.count == 6 else { return nil }
        // The date's separators are one kind; a time follows after a space, its parts after colons.
        guard separators[0] == separators[1], separators[0] != ":", separators[0] != " " else { return nil }
        if nums.count > 3 {
            guard separators[2] == " ", separators.dropFirst(3).allSatisfy({ $0 == ":" }) else { return nil }
        }
        let (y, m, d): (Int, Int, Int)
        switch order {
        case .monthDayYear: (y, m, d) = (nums[2], nums[0], nums[1])
        case .dayMonthYear: (y, m, d) = (nums[2], nums[1], nums[0])
        case .yearMonthDay: (y, m, d) = (nums[0], nums[1], nums[2])
        }
        // Four-digit years only: `1/2/16` could be 1916 or 2016.
        guard y >= 1000, let day = Day(year: y, month: m, day: d) else { return nil }
        if nums.count == 3 { return day.description }
        guard nums[3] < 24, nums[4] < 60, nums.count == 5 || nums[5] < 60 else { return nil }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(day)T\(two(nums[3])):\(two(nums[4])):\(two(nums.count == 6 ? nums[5] : 0))"
    }

    /// The first date or timestamp cell of `rows` written day- or month-first (`10/20/2016`,
    /// `20.10.2016`) — what a sheet without `date_format` cannot read — for a hint naming the key.
    public static func undeclaredOrder(in rows: [[String]], columns: [Int: String]) -> (
        index: Int, column: String, value: String
    )? {
        let dated = columns.filter { $0.value.hasSuffix("_on") || $0.value.hasSuffix("_at") }.sorted { $0.key < $1.key }
        guard !dated.isEmpty else { return nil }
        let us = SheetDateFormat(order: .monthDayYear), eu = SheetDateFormat(order: .dayMonthYear)
        for row in rows {
            for (i, column) in dated where i < row.count {
                let v = row[i].trimmingASCIIWhitespace()
                guard v.utf8.count >= 8, Day(iso: v.prefix(10)) == nil else { continue }
                if us.iso(v) != nil || eu.iso(v) != nil { return (i, column, v) }
            }
        }
        return nil
    }

    /// Rewrites the date and timestamp cells of one sheet row (`columns`: sheet index → canonical
    /// column); the first value not in this format is returned as the row's issue.
    public func apply(_ cells: [String], columns: [Int: String]) -> (
        cells: [String], issue: (column: String, value: String, reason: String)?
    ) {
        var out = cells
        var issue: (column: String, value: String, reason: String)?
        for (i, column) in columns.sorted(by: { $0.key < $1.key })
        where i < out.count && (column.hasSuffix("_on") || column.hasSuffix("_at")) {
            let v = out[i].trimmingASCIIWhitespace()
            if v.isEmpty { continue }
            if let iso = iso(v) {
                out[i] = iso
            } else if issue == nil {
                issue = (
                    column, v,
                    "\"\(v)\" is not a date in the mapping's date_format \(order.rawValue) (a four-digit year; a time may follow as H:MM)"
                )
            }
        }
        return (out, issue)
    }
}
