/// A worksheet cell reference as an `.xlsx` stores it (`AB12`), bound to Excel's grid: columns
/// A–XFD (16,384), rows 1–1,048,576. Why bound it: the numbers come from a file, and a
/// 14-letter column overflowed an `Int` (the server exited) while a 7-letter one asked for
/// billions of cells (issue 25).
public struct SheetCellReference: Sendable, Equatable, CustomStringConvertible {
    public static let maxColumns = 16_384
    public static let maxRows = 1_048_576

    /// 0-based: A = 0, Z = 25, AA = 26, XFD = 16,383.
    public var column: Int
    /// 1-based, as Excel shows it.
    public var row: Int

    public init?(column: Int, row: Int) {
        guard (0..<Self.maxColumns).contains(column), (1...Self.maxRows).contains(row) else { return nil }
        self.column = column
        self.row = row
    }

    /// Exactly 1–3 capital letters then 1–7 digits, inside the grid; anything else is nil.
    public init?(_ text: some StringProtocol) {
        let u = Array(text.utf8.prefix(11))
        guard u.count == text.utf8.count else { return nil }
        var i = 0
        var column = 0
        while i < u.count, u[i] >= 65, u[i] <= 90 {
            guard i < 3 else { return nil }
            column = column * 26 + Int(u[i] - 64)
            i += 1
        }
        guard i > 0, i < u.count, u.count - i <= 7 else { return nil }
        var row = 0
        for c in u[i...] {
            guard c >= 48, c <= 57 else { return nil }
            row = row * 10 + Int(c - 48)
        }
        self.init(column: column - 1, row: row)
    }

    /// The column's letters (0 → A, 16,383 → XFD).
    public static func columnName(_ index: Int) -> String {
        var n = index + 1
        var letters: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.insert(Character(Unicode.Scalar(UInt8(65 + r))), at: 0)
            n = (n - 1) / 26
        }
        return String(letters)
    }

    public var description: String { Self.columnName(column) + String(row) }
}
