import Foundation

extension SVGChart {
    struct FlowNode {
        var label: String
        var count: Int
    }

    struct FlowLink {
        var from: Int
        var to: Int
        var count: Int
    }

    /// A Sankey-style flow between two columns (e.g. stages at a period's start and end): node
    /// heights and band widths proportional to their counts, bands drawn as filled cubic curves.
    /// Nodes and bands with 0 accounts are left out; every band says its numbers in a `<title>`.
    static func flow(
        left: [FlowNode], right: [FlowNode], links: [FlowLink], label: String, width: Double = 720,
        height: Double = 360
    ) -> String {
        func f(_ x: Double) -> String { String(format: "%.1f", x) }
        let gap = 10.0, nodeW = 14.0, labelW = 150.0
        let total = Double(max(left.map(\.count).reduce(0, +), right.map(\.count).reduce(0, +), 1))
        let shown = { (nodes: [FlowNode]) in nodes.filter { $0.count > 0 }.count }
        let usable = height - 8 - gap * Double(max(max(shown(left), shown(right)) - 1, 0))
        let scale = max(usable, 1) / total
        /// The top of each node of a column (nil for empty nodes).
        func tops(_ nodes: [FlowNode]) -> [Double?] {
            var y = 4.0
            return nodes.map { n in
                guard n.count > 0 else { return nil }
                defer { y += Double(n.count) * scale + gap }
                return y
            }
        }
        let lt = tops(left), rt = tops(right)
        let x0 = labelW, x1 = width - labelW
        var svg =
            "<svg class=\"flow\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(esc(label))\"><title>\(esc(label))</title>"
        // Bands, stacked inside each node in the order of the other column.
        var outOffset = [Double](repeating: 0, count: left.count)
        var inOffset = [Double](repeating: 0, count: right.count)
        for l in links.sorted(by: { ($0.from, $0.to) < ($1.from, $1.to) }) where l.count > 0 {
            guard left.indices.contains(l.from), right.indices.contains(l.to), let ya = lt[l.from], let yb = rt[l.to]
            else { continue }
            let h = Double(l.count) * scale
            let a = ya + outOffset[l.from], b = yb + inOffset[l.to]
            outOffset[l.from] += h
            inOffset[l.to] += h
            let xa = x0 + nodeW, xb = x1, mid = (xa + xb) / 2
            let d =
                "M\(f(xa)),\(f(a)) C\(f(mid)),\(f(a)) \(f(mid)),\(f(b)) \(f(xb)),\(f(b)) L\(f(xb)),\(f(b + h)) C\(f(mid)),\(f(b + h)) \(f(mid)),\(f(a + h)) \(f(xa)),\(f(a + h)) Z"
            let cls = l.to > l.from ? "band forward" : (l.to < l.from ? "band back" : "band")
            svg +=
                "<path class=\"\(cls)\" d=\"\(d)\"><title>\(esc("\(left[l.from].label) → \(right[l.to].label): \(l.count)"))</title></path>"
        }
        for (column, nodes, ys) in [(0, left, lt), (1, right, rt)] {
            for (i, n) in nodes.enumerated() {
                guard let y = ys[i] else { continue }
                let h = max(Double(n.count) * scale, 1)
                let x = column == 0 ? x0 : x1
                svg +=
                    "<rect class=\"node\" x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(nodeW))\" height=\"\(f(h))\"><title>\(esc("\(n.label): \(n.count)"))</title></rect>"
                let tx = column == 0 ? x0 - 6 : x1 + nodeW + 6
                let anchor = column == 0 ? "end" : "start"
                svg +=
                    "<text x=\"\(f(tx))\" y=\"\(f(y + h / 2 + 4))\" text-anchor=\"\(anchor)\" class=\"flabel\">\(esc("\(n.label) \(n.count)"))</text>"
            }
        }
        return svg + "</svg>"
    }
}
