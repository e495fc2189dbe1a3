import Foundation

/// Charts drawn as inline SVG by our own code: no JavaScript library, no CDN, works offline,
/// and screen readers get the numbers from the `<title>`/aria-label.
enum SVGChart {
    private static func f(_ x: Double) -> String { String(format: "%.1f", x) }

    /// A small line of `values` (nil = no data that month), scaled to its own min–max.
    /// `markers`: initiatives (issue 24 §3) as thin ticks at their fractional month index, each
    /// with a `<title>` naming it.
    static func sparkline(
        _ values: [Double?], label: String, width: Double = 120, height: Double = 32,
        markers: [(position: Double, label: String)] = []
    ) -> String {
        let known = values.compactMap { $0 }
        guard known.count >= 1 else {
            return
                "<svg class=\"spark\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"\(esc(label))\"></svg>"
        }
        let lo = known.min()!, hi = known.max()!
        let span = hi - lo == 0 ? 1 : hi - lo
        let step = values.count > 1 ? (width - 4) / Double(values.count - 1) : 0
        var segments: [[String]] = [[]]
        var last: (Double, Double)?
        for (i, v) in values.enumerated() {
            guard let v else {
                if !(segments.last!.isEmpty) { segments.append([]) }
                continue
            }
            let x = 2 + Double(i) * step
            let y = height - 3 - (v - lo) / span * (height - 6)
            segments[segments.count - 1].append("\(f(x)),\(f(y))")
            last = (x, y)
        }
        var svg =
            "<svg class=\"spark\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"\(esc(label))\"><title>\(esc(label))</title>"
        for s in segments where !s.isEmpty {
            svg +=
                "<polyline fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\" points=\"\(s.joined(separator: " "))\"/>"
        }
        if let (x, y) = last { svg += "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"2.5\" fill=\"currentColor\"/>" }
        for m in markers where values.count > 1 {
            let x = 2 + min(max(m.position, 0), Double(values.count - 1)) * step
            svg +=
                "<line class=\"initiative\" x1=\"\(f(x))\" y1=\"0\" x2=\"\(f(x))\" y2=\"\(f(height))\" stroke=\"#f79009\" stroke-width=\"1.5\"><title>\(esc(m.label))</title></line>"
        }
        return svg + "</svg>"
    }

    struct FunnelBar {
        var label: String
        var count: Int
        var countText: String
        var conversionText: String?
        var highlighted: Bool
    }

    /// Horizontal bars, one per funnel step, widths proportional to the first step; the
    /// bottleneck step drawn in the alert colour.
    static func funnel(_ bars: [FunnelBar], label: String, width: Double = 640) -> String {
        let rowH = 44.0, labelW = 200.0
        let height = rowH * Double(bars.count) + 8
        let maxCount = Double(max(bars.map(\.count).max() ?? 1, 1))
        var svg =
            "<svg class=\"funnel\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(esc(label))\"><title>\(esc(label))</title>"
        for (i, b) in bars.enumerated() {
            let y = 4 + Double(i) * rowH
            let w = max(2, (width - labelW - 110) * Double(b.count) / maxCount)
            let cls = b.highlighted ? "bar bottleneck" : "bar"
            svg += "<text x=\"0\" y=\"\(f(y + 24))\" class=\"flabel\">\(esc(b.label))</text>"
            svg +=
                "<rect class=\"\(cls)\" x=\"\(f(labelW))\" y=\"\(f(y + 6))\" width=\"\(f(w))\" height=\"28\" rx=\"3\"/>"
            svg += "<text x=\"\(f(labelW + w + 8))\" y=\"\(f(y + 24))\" class=\"fcount\">\(esc(b.countText))"
            if let c = b.conversionText { svg += " <tspan class=\"fconv\">(\(esc(c)))</tspan>" }
            svg += "</text>"
        }
        return svg + "</svg>"
    }

    /// A line chart of daily values 0–100 (score history) with gridlines at 0, 40 (engaged) and 100.
    static func scoreHistory(_ values: [Double], label: String, width: Double = 640, height: Double = 180) -> String {
        let padL = 30.0, padB = 18.0
        let plotW = width - padL - 6, plotH = height - padB - 8
        var svg =
            "<svg class=\"history\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(esc(label))\"><title>\(esc(label))</title>"
        for g in [0.0, 40, 100] {
            let y = 8 + plotH * (1 - g / 100)
            svg += "<line x1=\"\(f(padL))\" x2=\"\(f(width - 6))\" y1=\"\(f(y))\" y2=\"\(f(y))\" class=\"grid\"/>"
            svg += "<text x=\"0\" y=\"\(f(y + 4))\" class=\"axis\">\(Int(g))</text>"
        }
        guard values.count > 1 else { return svg + "</svg>" }
        let step = plotW / Double(values.count - 1)
        let pts = values.enumerated().map { i, v in
            "\(f(padL + Double(i) * step)),\(f(8 + plotH * (1 - min(max(v, 0), 100) / 100)))"
        }
        svg +=
            "<polyline fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\" points=\"\(pts.joined(separator: " "))\"/>"
        return svg + "</svg>"
    }
}
