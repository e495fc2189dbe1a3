/// A column header of a sortable table (accounts, campaign impact): plain when the column does not
/// sort; otherwise a link to the same list sorted by it — on the active column the other
/// direction, on another names ascending and numbers descending — marked ▲/▼ and with `aria-sort`
/// while active.
enum SortableHeader {
    /// `query` is the list's current query; `href` is the page's own link for a query (escaped here).
    static func render<Query, Sort: Equatable>(
        _ label: String, sort: Sort?, in query: Query, by sortKey: WritableKeyPath<Query, Sort>,
        descending descendingKey: WritableKeyPath<Query, Bool>, numeric: Bool, ascendingFirst: Sort,
        href: (Query) -> String
    ) -> String {
        let cls = numeric ? " class=\"num\"" : ""
        guard let sort else { return "<th scope=\"col\"\(cls)>\(label)</th>" }
        let descending = query[keyPath: descendingKey]
        let active = query[keyPath: sortKey] == sort
        var next = query
        next[keyPath: sortKey] = sort
        next[keyPath: descendingKey] = active ? !descending : sort != ascendingFirst
        let mark = active ? (descending ? " ▼" : " ▲") : ""
        let aria = active ? " aria-sort=\"\(descending ? "descending" : "ascending")\"" : ""
        return "<th scope=\"col\"\(cls)\(aria)><a href=\"\(esc(href(next)))\">\(label)\(mark)</a></th>"
    }
}
