/// One page of a long list on a dashboard page (the data-quality page listed every flagged record
/// on one 11,000 px page): which rows show, and whether a page comes before or after.
///
/// The page number comes from a query string, so it is hostile: anything that is not a whole
/// number reads as page 1, a number below 1 as page 1, a number past the last page (however many
/// digits) as the last page. The arithmetic only ever runs on the clamped number, so nothing can
/// overflow.
public struct ListPage: Sendable, Equatable {
    /// The page shown, from 1.
    public let number: Int
    /// Pages in all (1 for an empty list).
    public let count: Int
    /// The indices of the rows on this page.
    public let rows: Range<Int>

    public init(total: Int, size: Int, requested: String?) {
        let size = max(1, size)
        let total = max(0, total)
        count = max(1, total / size + (total % size == 0 ? 0 : 1))
        let asked: Int
        if let requested, requested.count <= 18, requested.allSatisfy({ $0.isASCII && $0.isNumber }),
            let n = Int(requested)
        {
            asked = n
        } else if let requested, !requested.isEmpty, requested.allSatisfy({ $0.isASCII && $0.isNumber }) {
            asked = Int.max  // more digits than an Int: past any last page
        } else {
            asked = 1
        }
        number = min(max(asked, 1), count)
        let first = (number - 1) * size  // number ≤ count, so first < total + size
        rows = first..<min(first + size, total)
    }

    public var previous: Int? { number > 1 ? number - 1 : nil }
    public var next: Int? { number < count ? number + 1 : nil }
}
