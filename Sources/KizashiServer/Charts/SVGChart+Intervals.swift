import Foundation

extension SVGChart {
    /// One row of an interval chart: a point estimate and its 95 % interval (nil when none).
    struct IntervalRow {
        var label: String
        var estimate: Double?
        var lower: Double?
        var upper: Double?
        /// What a screen reader and the right margin say ("+4.2 pt [−1.0, +9.5]").
        var text: String
    }

    /// A forest plot: one row per figure, the axis spanning every interval and 0, a dashed line at
    /// 0 (no difference), each interval a bar with whiskers and its estimate a dot. An interval
    /// that does not cross 0 is drawn in the accent colour (class `sure`).
    static func intervals(_ rows: [IntervalRow], label: String, width: Double = 640) -> String {
        func f(_ x: Double) -> String { String(format: "%.1f", x) }
        let rowH = 40.0, labelW = 190.0, textW = 190.0, top = 8.0
        let height = top + rowH * Double(rows.count) + 8
        let values = rows.flatMap { [$0.lower, $0.upper, $0.estimate].compactMap { $0 } }.filter(\.isFinite)
        var lo = min(values.min() ?? -1, 0), hi = max(values.max() ?? 1, 0)
        if hi - lo == 0 { (lo, hi) = (-1, 1) }
        let pad = (hi - lo) * 0.05
        lo -= pad
        hi += pad
        let plotW = width - labelW - textW
        func x(_ v: Double) -> Double { labelW + (v - lo) / (hi - lo) * plotW }
        var svg =
            "<svg class=\"intervals\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(esc(label))\"><title>\(esc(label))</title>"
        svg +=
            "<line class=\"zero\" x1=\"\(f(x(0)))\" y1=\"\(f(top - 4))\" x2=\"\(f(x(0)))\" y2=\"\(f(height - 4))\" stroke=\"currentColor\" stroke-dasharray=\"4 3\" stroke-width=\"1\"/>"
        for (i, r) in rows.enumerated() {
            let y = top + Double(i) * rowH + rowH / 2
            svg += "<g><title>\(esc(r.label)): \(esc(r.text))</title>"
            svg += "<text x=\"0\" y=\"\(f(y + 4))\" class=\"flabel\">\(esc(r.label))</text>"
            if let l = r.lower, let u = r.upper, l.isFinite, u.isFinite {
                let sure = l > 0 || u < 0
                let cls = sure ? "ci sure" : "ci"
                svg +=
                    "<line class=\"\(cls)\" x1=\"\(f(x(l)))\" y1=\"\(f(y))\" x2=\"\(f(x(u)))\" y2=\"\(f(y))\" stroke=\"currentColor\" stroke-width=\"3\"/>"
                for v in [l, u] {
                    svg +=
                        "<line class=\"\(cls)\" x1=\"\(f(x(v)))\" y1=\"\(f(y - 7))\" x2=\"\(f(x(v)))\" y2=\"\(f(y + 7))\" stroke=\"currentColor\" stroke-width=\"2\"/>"
                }
            }
            if let e = r.estimate, e.isFinite {
                svg += "<circle cx=\"\(f(x(e)))\" cy=\"\(f(y))\" r=\"5\" fill=\"currentColor\"/>"
            }
            svg += "<text x=\"\(f(width - textW + 8))\" y=\"\(f(y + 4))\" class=\"fvalue\">\(esc(r.text))</text></g>"
        }
        return svg + "</svg>"
    }
}
